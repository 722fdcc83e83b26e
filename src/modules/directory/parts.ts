/** A list's download link: the page's own filters on the download's path, every row rather than one page. */
export const downloadHref = (pageUrl: string, path: string) => {
  const url = new URL(pageUrl, "http://x");
  url.pathname = path;
  url.searchParams.delete("page");
  return `${url.pathname}${url.search}`;
};

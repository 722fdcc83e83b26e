/** A page that only says something (a link sent, a link that no longer works), with an optional way on. */
export function MessagePage({ title, text, link }: { title: string; text: string; link?: { href: string; label: string } }) {
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {title}
      </h1>
      <p class="ds-paragraph">{text}</p>
      {link ? (
        <p class="ds-paragraph">
          <a class="ds-link" href={link.href}>
            {link.label}
          </a>
        </p>
      ) : null}
    </>
  );
}

/**
 * The marks a page's body holds where the reader's own parts go (decision 0043): elements and an
 * attribute value no text a user wrote can become, since text and attributes are escaped when
 * rendered. renderPage fills them in for each request.
 */
export const OWN_PART_MARKS = {
  /** The follow button of the record the page is of. */
  follow: "samverk-own-follow",
  /** Where the body goes in the layout. */
  body: "samverk-own-body",
  /** A form's CSRF token, as its hidden field renders it. */
  csrfToken: "samverk-own-csrf-token",
} as const;

/** A form's CSRF field as rendered with the mark, which no escaped text can contain. */
export const CSRF_FIELD_MARK = `name="_csrf" value="${OWN_PART_MARKS.csrfToken}"`;

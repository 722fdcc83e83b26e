import type { ComponentChildren } from "preact";
import { Notice } from "./components.tsx";

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

/**
 * A mailed link's page with one button (confirming, leaving): opening the link does nothing, so a mail
 * program's link checker changes nothing; once pressed, it says what was done. `children` follow it.
 */
export function OneButtonPage(props: {
  title: string;
  intro: string;
  action: string;
  button: string;
  done: string | null;
  children?: ComponentChildren;
}) {
  return (
    <>
      <h1 class="ds-heading" data-size="lg">
        {props.title}
      </h1>
      {props.done ? (
        <Notice kind="success">{props.done}</Notice>
      ) : (
        <>
          <p class="ds-paragraph">{props.intro}</p>
          <form method="post" action={props.action} class="inline-form">
            <button class="ds-button" data-variant="primary" type="submit">
              {props.button}
            </button>
          </form>
        </>
      )}
      {props.children}
    </>
  );
}

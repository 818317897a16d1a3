// A secret shown this once (an API key, a webhook signing secret): focused when it appears, with a copy button
// and a button that dismisses it. The texts come from the page, in its language.
import { useEffect, useId, useRef, useState } from "react";

export interface SecretOnceText {
  title: string;
  lead: string;
  copy: string;
  copied: string;
  done: string;
}

export function SecretOnce(props: {
  value: string;
  text: SecretOnceText;
  /** The data-testid of the secret's text. */
  testId: string;
  onDone: () => void;
}) {
  const { value, text, testId, onDone } = props;
  const box = useRef<HTMLElement>(null);
  const title = useId();
  // Which value was copied: a new secret shows the copy button unpressed again.
  const [copied, setCopied] = useState<string | null>(null);
  useEffect(() => {
    if (value) box.current?.focus();
  }, [value]);

  const copy = async () => {
    await navigator.clipboard?.writeText(value).then(
      () => setCopied(value),
      () => undefined,
    );
  };

  return (
    <section className="secret" ref={box} tabIndex={-1} aria-labelledby={title}>
      <h2 id={title}>{text.title}</h2>
      <p>{text.lead}</p>
      <div className="secret-row">
        <code data-testid={testId}>{value}</code>
        <button type="button" onClick={copy}>
          {copied === value ? text.copied : text.copy}
        </button>
      </div>
      <button type="button" className="primary" onClick={onDone}>
        {text.done}
      </button>
    </section>
  );
}

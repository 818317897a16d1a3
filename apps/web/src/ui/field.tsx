// Form rows as the console draws them: a `.field` with a label tied to its control by a generated id, a label
// that wraps its control (the grid forms), and a checkbox with its text.
import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, useId } from "react";

/** A `.field` row: the label, the control `children(id)` draws with that id, and an optional hint below. */
export function Field({
  label,
  hint,
  className,
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  className?: string;
  children(id: string): ReactNode;
}) {
  const id = useId();
  return (
    <div className={className ? `field ${className}` : "field"}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {hint !== undefined && <p className="muted small">{hint}</p>}
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id">;

/** A `.field` row with a text-like input. */
export function InputField({
  label,
  hint,
  className,
  ...input
}: InputProps & { label: ReactNode; hint?: ReactNode }) {
  return (
    <Field label={label} hint={hint} className={className}>
      {(id) => <input id={id} {...input} />}
    </Field>
  );
}

/** A label wrapping an input, as in the `.form-grid` forms. */
export function LabelledInput({ label, ...input }: InputProps & { label: ReactNode }) {
  return (
    <label>
      {label}
      <input {...input} />
    </label>
  );
}

/** A label wrapping a select of the given options, as in the `.form-grid` forms. */
export function LabelledSelect({
  label,
  children,
  ...select
}: SelectHTMLAttributes<HTMLSelectElement> & { label: ReactNode; children: ReactNode }) {
  return (
    <label>
      {label}
      <select {...select}>{children}</select>
    </label>
  );
}

/** A checkbox followed by its text, all of it the label. */
export function Check({ label, className, ...input }: Omit<InputProps, "type"> & { label: ReactNode }) {
  return (
    <label className={className}>
      <input type="checkbox" {...input} /> {label}
    </label>
  );
}

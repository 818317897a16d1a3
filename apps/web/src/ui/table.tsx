// A list table as the console draws them: scoped column heads (numbers right-aligned, an actions column named
// for screen readers only), a row that says the list is empty or still loading, then one row per item.
import type { ReactNode } from "react";

export interface Column {
  label: ReactNode;
  /** A number column: right-aligned. */
  num?: boolean;
  /** A head read by screen readers only (an actions column). */
  hidden?: boolean;
}

/** A column given as its label alone is a plain text column. */
export type ColumnSpec = ReactNode | Column;

const isColumn = (c: ColumnSpec): c is Column => typeof c === "object" && c !== null && "label" in c;

export function TableHead({ columns }: { columns: readonly ColumnSpec[] }) {
  return (
    <thead>
      <tr>
        {columns.map((spec, i) => {
          const c = isColumn(spec) ? spec : { label: spec };
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed for a table.
            <th key={i} scope="col" className={c.num ? "num" : undefined}>
              {c.hidden ? <span className="visually-hidden">{c.label}</span> : c.label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}

/** One muted row across the whole table: the list is empty, or still loading. */
export function NoteRow({ span, children }: { span: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={span} className="muted">
        {children}
      </td>
    </tr>
  );
}

export function DataTable<T>({
  columns,
  rows,
  row,
  empty,
  loading,
  label,
  testId,
  className,
  children,
}: {
  columns: readonly ColumnSpec[];
  /** null or undefined while the list is loading. */
  rows: readonly T[] | null | undefined;
  row(item: T): ReactNode;
  /** The text of the row shown when the list is empty. */
  empty?: ReactNode;
  /** The text of the row shown while the list loads. */
  loading?: ReactNode;
  /** The table's accessible name. */
  label?: string;
  testId?: string;
  className?: string;
  /** What follows the table inside its scrolling frame. */
  children?: ReactNode;
}) {
  return (
    <div className="table-wrap">
      <table aria-label={label} data-testid={testId} className={className}>
        <TableHead columns={columns} />
        <tbody>
          {rows == null && loading !== undefined && <NoteRow span={columns.length}>{loading}</NoteRow>}
          {rows?.length === 0 && empty !== undefined && <NoteRow span={columns.length}>{empty}</NoteRow>}
          {rows?.map(row)}
        </tbody>
      </table>
      {children}
    </div>
  );
}

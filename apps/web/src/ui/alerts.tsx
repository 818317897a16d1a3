// The console's notices: an error read out at once, a success read out politely.
import type { ReactNode } from "react";

export function ErrorAlert({ children }: { children: ReactNode }) {
  return (
    <p className="alert error" role="alert">
      {children}
    </p>
  );
}

export function SuccessAlert({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <p className="alert success" role="status" data-testid={testId}>
      {children}
    </p>
  );
}

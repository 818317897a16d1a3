// Who is signed in to the console: read once from the server when the console opens (the portal never asks),
// set by signing in, cleared by signing out.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { api, errorMessage, type Me } from "./api.ts";

interface SessionState {
  /** undefined while the first answer is awaited; null when nobody is signed in. */
  me: Me | null | undefined;
  signIn(tenant: string, email: string, password: string): Promise<string | null>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  useEffect(() => {
    api.GET("/v1/sessions/current").then(
      ({ data }) => setMe(data ?? null),
      () => setMe(null),
    );
  }, []);
  const signIn = useCallback(async (tenant: string, email: string, password: string) => {
    try {
      const { data, error } = await api.POST("/v1/sessions", { body: { tenant, email, password } });
      if (data) {
        setMe(data);
        return null;
      }
      return errorMessage(error);
    } catch (e) {
      return errorMessage(e);
    }
  }, []);
  const signOut = useCallback(async () => {
    await api.DELETE("/v1/sessions/current").catch(() => undefined);
    setMe(null);
  }, []);
  const value = useMemo(() => ({ me, signIn, signOut }), [me, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside SessionProvider");
  return s;
}

/** The signed-in principal, inside the console's layout. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error("useMe with nobody signed in");
  return me;
}

/** A gateway under test, listening. */
export interface StartedGateway {
  url: string;
  close(): Promise<void>;
}

/** Certificate Transparency evidence (log entries, crt.sh results, query summaries). Owner: the CT collectors (issue 4). */
export type CtLogEntryData = Readonly<Record<string, unknown>>;
/** One CT search or log window as a whole: what was asked, how much came back, what could not be fetched. */
export type CtQueryData = Readonly<Record<string, unknown>>;

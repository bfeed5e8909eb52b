// The development server's outbox: without SMTP_URL the worker writes every message as an .eml
// file into <var>/mail (FileMailTransport, moved in whole, never half-written). The journey
// waits there for the message a step caused, as a user waits for their inbox.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { simpleParser, type AddressObject } from "mailparser";

const POLL_MS = 200;

function addresses(to: AddressObject | AddressObject[] | undefined): string[] {
  const all = to === undefined ? [] : Array.isArray(to) ? to : [to];
  return all.flatMap((group) => group.value.map((address) => (address.address ?? "").toLowerCase()));
}

/**
 * The first capture group of `pattern` in the plain text of the newest message to `recipient`
 * that has it. Gives up after `deadlineMs`: the worker delivers within a second or two.
 */
export async function linkTo(
  outbox: string,
  recipient: string,
  pattern: RegExp,
  deadlineMs = 60_000,
): Promise<string> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    let names: string[] = [];
    try {
      names = (await readdir(outbox)).filter((name) => name.endsWith(".eml") && !name.startsWith("."));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    // Names start with a UTC timestamp: newest first.
    for (const name of names.sort().reverse()) {
      const message = await simpleParser(await readFile(join(outbox, name)));
      if (!addresses(message.to).includes(recipient.toLowerCase())) continue;
      const found = pattern.exec(message.text ?? "");
      if (found?.[1] !== undefined) return found[1];
    }
    if (Date.now() > until) {
      throw new Error(`no message to ${recipient} matching ${pattern} in ${outbox} within ${deadlineMs} ms`);
    }
    await sleep(POLL_MS);
  }
}

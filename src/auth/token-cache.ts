// Token checks for a server answering many API calls: the record a token's hash finds is kept while the database
// is unchanged (the store's data version, which moves on every write but a session's or token's last use). A
// revocation, a removed owner or a changed role is such a write, from this process or another, so the next request
// reads the record again: they still take effect at once. Expiry is compared with the clock on every request.
import type { TokenRecord } from '../store/index.ts';
import { noteTokenUse, tokenRights, type AccountsAt, type TokenRights } from './accounts.ts';
import { hashSecret, looksLikeToken } from './secrets.ts';

interface Kept {
  version: string;
  record: TokenRecord;
  /** The last use recorded, in ms: the record's, or this process's since (its write leaves the version as it is). */
  usedAt?: number;
}

/** Where tokens are checked: the accounts, and a version that moves on every account change (undefined: none kept). */
export interface TokenSource extends AccountsAt {
  accountsVersion(): Promise<string | undefined>;
}

export class TokenChecker {
  private readonly kept = new Map<string, Kept>();

  /** `max` bounds memory: only tokens that exist are kept, so random guesses cannot grow it. */
  constructor(
    private readonly store: TokenSource,
    private readonly max = 1024,
  ) {}

  /** verifyToken's answer; `version` is store.accountsVersion() when the caller has already read it. */
  async verify(token: string, now: Date, version?: string): Promise<TokenRights | undefined> {
    if (!looksLikeToken(token)) return undefined;
    version ??= await this.store.accountsVersion();
    const hash = hashSecret(token);
    let kept = version === undefined ? undefined : this.kept.get(hash);
    if (!kept || kept.version !== version) {
      const record = await this.store.accounts.tokens.byHash(hash);
      if (!record) {
        this.kept.delete(hash);
        return undefined;
      }
      kept = { version: version ?? '', record, usedAt: record.lastUsedAt ? Date.parse(record.lastUsedAt) : undefined };
      if (version !== undefined) {
        if (this.kept.size >= this.max) this.kept.clear();
        this.kept.set(hash, kept);
      }
    }
    const rights = tokenRights(kept.record, now);
    if (rights && (await noteTokenUse(this.store, kept.record.id, kept.usedAt, now))) kept.usedAt = now.getTime();
    return rights;
  }
}

// Typed usage of the SpotDraft API client, shared by both JS packages: each
// package's tsconfig maps `spotdraft-kit-under-test` to its own shipped
// index.d.ts, so one file checks both (`tsc --noEmit`, types.test.mjs).
import {
  Api,
  RetryPolicy,
  RateLimiter,
  parseResponse,
  SpotDraftKitError,
  type HttpRequest,
  type LogRecord,
} from 'spotdraft-kit-under-test';

// The SpotDraft API client: build, send, interpret.
export async function apiUsage(env: Record<string, string | undefined>): Promise<string> {
  const api = Api.fromEnv(env, { retry: { maxAttempts: 3 } });
  const other = new Api({ region: 'us', clientId: 'id', clientSecret: 'secret', environment: 'uat' });
  const req: HttpRequest = api.webhooksCreate({
    body: { title: 'CRM sync', url: 'https://hooks.example.com/spotdraft', only_for_activities: ['CONTRACT_EXECUTED'] },
  });
  const list: HttpRequest = other.contractsRetrieve({ page: 1, limit: 50, filters: { client_name: { $eq: 'Acme' } } });
  // One method per operation, typed by its operation's parameters.
  // @ts-expect-error contracts_status_void_create needs its composite_id and body
  api.contractsStatusVoidCreate();
  // @ts-expect-error the download format is an enum
  api.contractsDownloadLinkCreate({ composite_id: 'T-1', body: { format: 'pdf' } });
  const record: LogRecord = api.logRecord(api.redact(list));
  const answer = (await api.send(api.webhooksHmacKeyGet(), { timeoutMs: 10_000 })) as { hmac_key: string };
  try {
    await api.send(req);
  } catch (err) {
    if (err instanceof SpotDraftKitError && err.code === 'api_error') {
      const status: number | undefined = err.status;
      const retry: boolean | undefined = err.retryable;
      void [status, retry, err.fieldErrors, err.retryAfterMs];
    }
  }
  const delay: number | null = new RetryPolicy().nextDelayMs(1, { retryable: true }, Math.random(), Date.now());
  const wait: number = new RateLimiter({ maxRequests: 10, windowMs: 1000 }).acquire(0);
  const parsedJson: unknown = parseResponse(200, null, '{}');
  // @ts-expect-error the region is a closed union
  new Api({ region: 'uk', clientId: 'a', clientSecret: 'b' });
  void [record, delay, wait, parsedJson];
  return answer.hmac_key;
}

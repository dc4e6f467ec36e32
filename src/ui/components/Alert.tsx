import type { ErrorCode } from '../../domain/errors';
import { errorMessage } from '../../i18n';

/** A refusal that belongs to no form (an answer, a retirement, a presence tick). */
export function Alert({ code }: { code: ErrorCode | undefined }) {
  return (
    <div role="alert" class={code ? 'error-summary' : 'alert-empty'}>
      {code && (
        <p>
          <span aria-hidden="true">⚠️ </span>
          {errorMessage(code)}
        </p>
      )}
    </div>
  );
}

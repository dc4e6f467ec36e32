import { useState } from 'preact/hooks';
import { IDEA_KINDS, type IdeaKind, type Theme } from '../../../domain/schemas';
import { ideaKindLabel, t } from '../../../i18n';
import { ErrorSummary } from '../../components/ErrorSummary';
import { FieldErrorText } from '../../components/FieldErrorText';
import { KeptFormNote } from '../../components/KeptFormNote';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { errorFor, errorId, summaryItems } from '../../form-errors';
import { useKeptForm } from '../../hooks/useKeptForm';
import { useSubmit } from '../../hooks/useSubmit';
import { isolate } from '../../isolate';
import type { PerimeterCommands, PerimeterServices } from '../../services';

const BLANK = { theme: '', kind: 'exchange', title: '', hint: '' };

/**
 * Adds a local idea to the perimeter's catalogue: theme, kind, title, hint. What is typed is kept on
 * the tablet until the idea is added (useKeptForm); theme and kind stay chosen for the next one.
 */
export function AddLocalIdea({
  themes,
  commands,
  keptForm,
}: {
  themes: Theme[];
  commands: PerimeterCommands;
  keptForm: PerimeterServices['keptForm'];
}) {
  const kept = useKeptForm(keptForm, 'local-idea', BLANK);
  const { theme, title, hint } = kept.fields;
  const kind = kept.fields.kind as IdeaKind;
  const setTheme = (value: string) => kept.set('theme', value);
  const setKind = (value: IdeaKind) => kept.set('kind', value);
  const setTitle = (value: string) => kept.set('title', value);
  const setHint = (value: string) => kept.set('hint', value);
  const [added, setAdded] = useState<string>();
  const form = useSubmit(
    () => {
      setAdded(undefined);
      return commands.addLocalIdea({ theme, kind, title, hint });
    },
    async () => {
      setAdded(title.trim());
      await kept.clear({ ...kept.fields, title: '', hint: '' });
    },
  );
  const { errors } = form;

  return (
    <form class="card" ref={form.formRef} onSubmit={form.onSubmit} noValidate aria-labelledby="add-idea">
      <h2 id="add-idea">{t('catalogue.add.title')}</h2>
      <KeptFormNote kept={kept} />
      <ErrorSummary
        items={summaryItems(errors, {
          theme: { id: 'idea-theme', label: t('catalogue.add.theme') },
          kind: { id: 'idea-kind', label: t('catalogue.add.kind') },
          title: { id: 'idea-title', label: t('catalogue.add.idea-title') },
          hint: { id: 'idea-hint', label: t('catalogue.add.idea-hint') },
        })}
      />
      <SelectField
        id="idea-theme"
        label={t('catalogue.add.theme')}
        value={theme}
        options={themes.map((th) => [th.id, th.title] as const)}
        onChange={setTheme}
        error={errorFor(errors, 'theme')}
      />
      <fieldset id="idea-kind">
        <legend>{t('catalogue.add.kind')}</legend>
        {IDEA_KINDS.map((k) => (
          <label class="check" key={k}>
            <input type="radio" name="idea-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
            <span>{ideaKindLabel(k)}</span>
          </label>
        ))}
        <FieldErrorText id={errorId('idea-kind')} code={errorFor(errors, 'kind')} />
      </fieldset>
      <TextField
        id="idea-title"
        label={t('catalogue.add.idea-title')}
        hint={t('catalogue.add.idea-title.hint')}
        value={title}
        onInput={setTitle}
        error={errorFor(errors, 'title')}
      />
      <TextField
        id="idea-hint"
        label={t('catalogue.add.idea-hint')}
        optional
        value={hint}
        onInput={setHint}
        error={errorFor(errors, 'hint')}
      />
      <p role="status" class={added ? 'success' : 'alert-empty'}>
        {added && (
          <>
            <span aria-hidden="true">✅ </span>
            {isolate(t('catalogue.add.done'), { title: added })}
          </>
        )}
      </p>
      <button type="submit" class="btn btn-primary" disabled={form.busy}>
        <span aria-hidden="true">➕ </span>
        {t('catalogue.add.submit')}
      </button>
    </form>
  );
}

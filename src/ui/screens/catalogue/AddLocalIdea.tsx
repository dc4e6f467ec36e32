import { useState } from 'preact/hooks';
import { IDEA_KINDS, type IdeaKind, type Theme } from '../../../domain/schemas';
import { ideaKindLabel, t } from '../../../i18n';
import { ErrorSummary } from '../../components/ErrorSummary';
import { FieldErrorText } from '../../components/FieldErrorText';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { errorFor, errorId, summaryItems } from '../../form-errors';
import { useSubmit } from '../../hooks/useSubmit';
import { isolate } from '../../isolate';
import type { PerimeterCommands } from '../../services';

export function AddLocalIdea({ themes, commands }: { themes: Theme[]; commands: PerimeterCommands }) {
  const [theme, setTheme] = useState('');
  const [kind, setKind] = useState<IdeaKind>('exchange');
  const [title, setTitle] = useState('');
  const [hint, setHint] = useState('');
  const [added, setAdded] = useState<string>();
  const form = useSubmit(
    () => {
      setAdded(undefined);
      return commands.addLocalIdea({ theme, kind, title, hint });
    },
    () => {
      setAdded(title.trim());
      setTitle('');
      setHint('');
    },
  );
  const { errors } = form;

  return (
    <form class="card" ref={form.formRef} onSubmit={form.onSubmit} noValidate aria-labelledby="add-idea">
      <h2 id="add-idea">{t('catalogue.add.title')}</h2>
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

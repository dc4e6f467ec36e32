import { t } from '../../i18n';
import { Loading } from '../components/Loading';
import { Title } from '../components/Title';
import { useLive } from '../hooks/useLive';
import type { PerimeterServices } from '../services';
import { AddLocalIdea } from './catalogue/AddLocalIdea';
import { ThemeIdeas } from './catalogue/ThemeIdeas';

/** For the facilitator: fit the catalogue to the neighbourhood without touching the shipped one. */
export function CatalogueScreen({ ps }: { ps: PerimeterServices }) {
  const catalogue = useLive(() => ps.queries.catalogue(), [ps]);
  if (!catalogue) return <Loading />;
  return (
    <>
      <Title>{t('catalogue.title')}</Title>
      <p class="lead">{t('catalogue.intro')}</p>
      <AddLocalIdea themes={catalogue.themes} commands={ps.commands} keptForm={ps.keptForm} />
      {catalogue.themes.map((theme) => (
        <ThemeIdeas
          key={theme.id}
          theme={theme}
          ideas={catalogue.ideas.filter((idea) => idea.theme === theme.id)}
          retired={catalogue.retired}
          localIds={catalogue.localIds}
          commands={ps.commands}
        />
      ))}
    </>
  );
}

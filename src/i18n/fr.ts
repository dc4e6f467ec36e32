/**
 * French, the source locale: its keys are the keys of every other locale. Keys are grouped by the
 * screen that shows them (`home.*`, `scan.*`…); `common.*` and `form.*` serve several screens.
 * A key ending in `.one` / `.other` is a plural pair, chosen by `tp()`.
 *
 * Tone: plain and warm, vouvoiement, short sentences, no jargon. Readers may be older, not at
 * ease with screens, or still learning French.
 */
import type { ErrorCode } from '../domain/errors';
import type { AnswerValue, IdeaKind, Language, SessionKind } from '../domain/schemas';

export const tag = 'fr-FR';

export const messages = {
  'app.name': 'Tissage',
  'app.loading': 'Chargement…',
  'app.crashed.title': 'Un problème est survenu',
  'app.crashed.body':
    'Ce qui était déjà enregistré est gardé sur cet appareil. Rechargez la page pour reprendre.',
  'app.reload': 'Recharger la page',
  'app.load-failed': 'Cette page ne s’ouvre pas. Vérifiez le réseau, puis rechargez la page.',
  'app.not-found.title': 'Page introuvable',
  'app.not-found.body': 'Ce que vous cherchez n’est pas sur cet appareil, ou n’y est plus.',

  'header.home': 'Accueil',
  'header.perimeter': 'Quartier :',
  'header.sync': 'État de l’enregistrement',

  'sync.local': 'Enregistré sur cette tablette',
  'sync.local.short': 'Sur cette tablette',
  'sync.sending': 'Envoi en cours…',
  'sync.stored': 'Tout est bien enregistré en ligne ({when})',
  'sync.stored.short': 'Enregistré · {time}',
  'sync.connecting': 'Connexion en cours…',
  'sync.connecting.waiting.one': 'Connexion en cours… {count} changement à envoyer',
  'sync.connecting.waiting.other': 'Connexion en cours… {count} changements à envoyer',
  'sync.no-network': 'Pas de réseau sur cet appareil',
  'sync.no-network.short': 'Pas de réseau',
  'sync.no-network.waiting.one': 'Pas de réseau sur cet appareil. {count} changement sera envoyé plus tard.',
  'sync.no-network.waiting.other':
    'Pas de réseau sur cet appareil. {count} changements seront envoyés plus tard.',
  'sync.no-network.waiting.short.one': 'Pas de réseau · {count} à envoyer',
  'sync.no-network.waiting.short.other': 'Pas de réseau · {count} à envoyer',
  'sync.no-network.stored': 'Pas de réseau sur cet appareil. Tout était enregistré en ligne {when}.',
  'sync.unreachable': 'Le site Tissage ne répond pas. Nouvel essai bientôt.',
  'sync.unreachable.short': 'Le site ne répond pas',
  'sync.unreachable.waiting.one': 'Le site Tissage ne répond pas. {count} changement sera envoyé plus tard.',
  'sync.unreachable.waiting.other':
    'Le site Tissage ne répond pas. {count} changements seront envoyés plus tard.',
  'sync.unreachable.waiting.short.one': 'Le site ne répond pas · {count} à envoyer',
  'sync.unreachable.waiting.short.other': 'Le site ne répond pas · {count} à envoyer',
  'sync.unreachable.stored': 'Le site Tissage ne répond pas. Tout était enregistré en ligne {when}.',
  'sync.unauthorized':
    'Refusé : ce code n’est pas encore reconnu. S’il est tout neuf, la tablette de l’association doit d’abord se connecter.',
  'sync.unauthorized.short': 'Refusé : code pas encore reconnu',
  'sync.revoked': 'Refusé : l’accès de cet appareil a été retiré. Plus rien n’est envoyé.',
  'sync.revoked.short': 'Refusé : accès retiré',
  'sync.recovering': 'Un changement a été refusé. Remise en ordre en cours…',
  'sync.recovering.short': 'Refusé · remise en ordre',
  'sync.app-outdated':
    'Il faut mettre Tissage à jour. Rechargez la page avec du réseau. Rien n’est perdu, rien n’est envoyé avant.',
  'sync.app-outdated.short': 'Mise à jour nécessaire',
  'sync.dropped.one':
    '{count} changement de cet appareil a été refusé. Il a été retiré. Tout le reste est bien enregistré.',
  'sync.dropped.other':
    '{count} changements de cet appareil ont été refusés. Ils ont été retirés. Tout le reste est bien enregistré.',
  'sync.dropped.dismiss': 'J’ai compris',

  'time.clock': '{h}\u00a0h\u00a0{m}',
  'time.today': 'à\u00a0{time}',
  'time.day': 'le {date} à {time}',

  'update.text': 'Une nouvelle version de Tissage est prête.',
  'update.apply': 'Mettre à jour maintenant',

  'storage.granted': 'Tout est bien gardé sur cette tablette',
  'storage.at-risk.title': 'Pour ne rien perdre',
  'storage.at-risk.body':
    'Ajoutez Tissage à l’écran d’accueil de la tablette. Et gardez de la place libre sur la tablette.',
  'storage.at-risk.dismiss': 'J’ai compris',

  'form.errors.title': 'Ce n’est pas encore enregistré. Quelques points sont à revoir :',
  'form.errors.link': 'Touchez un point pour aller à sa case.',
  'form.errors.item': '{label} : {message}',
  'form.error.prefix': 'Erreur :',
  'form.saving': 'Enregistrement…',
  'form.required': '(obligatoire)',
  'form.optional': '(facultatif)',
  'form.choose': 'Choisissez…',
  'form.kept.restored': 'Ce que vous aviez écrit est revenu.',
  'form.kept.discard': 'Tout effacer',

  'common.back-home': 'Revenir à l’accueil',
  'common.for-household': ' : {name}',

  'welcome.title': 'Bienvenue dans Tissage',
  'welcome.intro':
    'Tissage aide les voisins à se rencontrer et à s’entraider. On s’inscrit ensemble, autour d’un café, avec des voisins déjà inscrits.',
  'welcome.form.title': 'Créer notre périmètre',
  'welcome.form.intro':
    'Pour commencer, décrivez votre quartier et les premiers habitants qui lancent le projet.',
  'welcome.name.label': 'Nom du périmètre',
  'welcome.name.hint': 'Par exemple « Résidence des Tilleuls » ou « Quartier de la Gare ».',
  'welcome.places.legend': 'Rues et bâtiments',
  'welcome.places.hint': 'Une rue ou un bâtiment par ligne.',
  'welcome.place.label': 'Rue ou bâtiment n° {n}',
  'welcome.place.remove': 'Retirer la ligne {n}',
  'welcome.places.add': 'Ajouter une rue ou un bâtiment',
  'welcome.dwellings.label': 'Nombre de logements',
  'welcome.dwellings.hint': 'Environ, pour tout le périmètre.',
  'welcome.founders.legend': 'Les premiers habitants',
  'welcome.founders.hint': 'Au moins une personne. Ce sont eux qui accueilleront les prochains voisins.',
  'welcome.founder.legend': 'Personne n° {n}',
  'welcome.founder.name': 'Nom',
  'welcome.founder.place': 'Rue ou bâtiment',
  'welcome.founder.remove': 'Retirer la personne n° {n}',
  'welcome.founders.add': 'Ajouter une personne',
  'welcome.submit': 'Créer notre périmètre',
  'welcome.code.intro': 'Quelqu’un de l’association vous a donné une carte avec un code ? Tapez ce code ici.',
  'welcome.code': 'J’ai un code',
  'welcome.code.title': 'Vous avez un code ?',
  'welcome.code.scan':
    'Sur la carte, il y a aussi un carré noir et blanc (un code QR) : vous pouvez le photographier avec l’appareil photo du téléphone.',
  'welcome.found.title': 'Vous lancez Tissage dans votre quartier ?',
  'welcome.found.intro': 'Pour l’équipe qui anime les inscriptions, sur sa tablette.',
  'welcome.found.open': 'Créer un périmètre',

  'home.count.one': '{count} foyer inscrit sur {dwellings} logements',
  'home.count.other': '{count} foyers inscrits sur {dwellings} logements',
  'home.sessions.title': 'Séance en cours',
  'home.session.line': '{title} · {place}',
  'home.session.resume': 'Reprendre la séance',
  'home.session.open': 'Ouvrir une séance d’inscription',
  'home.sessions.old.one': 'Ancienne séance, à clore',
  'home.sessions.old.other': 'Anciennes séances, à clore',
  'home.sessions.old.intro.one': 'Cette séance est finie, mais personne ne l’a close.',
  'home.sessions.old.intro.other': 'Ces séances sont finies, mais personne ne les a closes.',
  'home.session.old.close': 'Voir et clore la séance',
  'home.households.title': 'Les foyers inscrits',
  'home.households.empty': 'Personne n’est encore inscrit.',
  'home.catalogue': 'Gérer les idées du catalogue',
  'home.cafes': 'Cafés-Rencontres',
  'home.dashboard': 'Tableau de bord et export',
  'home.retention': 'Foyers sans nouvelles',
  'home.own-data': 'Informations gardées',
  'home.device': 'Cet appareil : enregistrement et copies',
  'home.access': 'Accès téléphone',
  'home.search.label': 'Chercher un foyer',
  'home.search.hint': 'Son nom ou sa rue, son bâtiment.',
  'home.search.none': 'Aucun foyer ne correspond.',
  'home.scan.start': 'Répondre aux idées',
  'home.scan.continue': 'Continuer les idées',
  'home.summary': 'Résumé',
  'home.contact': 'Coordonnées',
  'home.contact.note': 'visible seulement par l’équipe qui anime',
  'home.contact.none': 'Aucune coordonnée n’est enregistrée sur cette tablette pour ce foyer.',
  'home.contact.none.server': 'Aucune coordonnée n’est enregistrée pour ce foyer.',
  'home.contact.unreachable':
    'Le serveur n’a pas pu être interrogé : voici ce que cette tablette a gardé. Réessayez plus tard pour la dernière version.',
  'home.contact.unreachable.none':
    'Cette tablette n’a pas de coordonnées pour ce foyer, et le serveur n’a pas pu être interrogé (pas de réseau, ou pas de réponse). Refermez et rouvrez plus tard pour réessayer.',
  'home.contact.no-network':
    'Pas de réseau sur cette tablette : voici ce qu’elle a gardé. Rouvrez plus tard, avec du réseau, pour la dernière version.',
  'home.contact.no-network.none':
    'Cette tablette n’a pas de coordonnées pour ce foyer, et elle n’a pas de réseau pour les demander au serveur. Rouvrez plus tard, avec du réseau.',
  'home.contact.phone': 'Téléphone :',
  'home.contact.email': 'E-mail :',
  'home.contact.flat': 'Appartement :',
  'home.receiving': 'Réception des informations du quartier…',
  'home.receiving.blocked': 'Les informations du quartier ne sont pas encore arrivées',
  'home.receiving.hint':
    'La première fois, il faut du réseau. Gardez cette page ouverte : tout arrive tout seul.',
  'home.receiving.no-network':
    'Pas de réseau sur cet appareil. Il en faut pour recevoir les informations du quartier la première fois. Tout continuera dès que le réseau revient.',
  'home.receiving.unreachable':
    'Le site Tissage ne répond pas pour l’instant. Gardez cette page ouverte : il sera appelé de nouveau tout seul.',
  'home.empty.title': 'Ce périmètre est encore vide',
  'home.empty.body':
    'Le serveur n’a encore rien pour ce périmètre. S’il vient d’être créé, décrivez-le maintenant : ses rues et bâtiments, et les premiers habitants.',
  'home.empty.describe': 'Décrire ce nouveau périmètre',

  'household.intro': 'Votre espace dans « {perimeter} ».',
  'household.answered.one': 'Vous avez répondu à {count} idée sur {total}.',
  'household.answered.other': 'Vous avez répondu à {count} idées sur {total}.',
  'household.continue': 'Continuer mes réponses',
  'household.summary': 'Voir mon résumé',
  'household.projects': 'Mes projets et idées',
  'summary.back-to-cafe': 'Retour au café',
  'household.own-data': 'Mes informations : les voir, les télécharger, les effacer',

  'open.title': 'Ouvrir une séance d’inscription',
  'open.date.label': 'Date',
  'open.place.label': 'Lieu de la rencontre',
  'open.place.hint': 'Par exemple « Café de la Place » ou « salle commune ».',
  'open.kind.legend': 'Type de rencontre',
  'open.present.legend': 'Voisins déjà inscrits qui sont là',
  'open.present.hint':
    'Il en faut au moins un pour inscrire un foyer. Vous pourrez compléter pendant la séance.',
  'open.submit': 'Ouvrir la séance',

  'session.title': '{kind} du {date}',
  'session.place': 'Lieu : {place}',
  'session.present.title': 'Qui est là ?',
  'session.present.none': 'Personne n’est encore coché comme présent.',
  'session.present.edit': 'Modifier qui est présent',
  'session.present.legend': 'Voisins déjà inscrits présents',
  'session.present.empty': 'Aucun voisin n’est encore inscrit.',
  'session.signup': 'Inscrire un foyer',
  'session.households.title': 'Les foyers de cette séance',
  'session.households.empty': 'Aucun foyer inscrit pour l’instant.',
  'session.scan.not-started': 'pas encore commencé',
  'session.scan.progress': 'en cours : {position} / {total}',
  'session.scan.done': 'terminé',
  'session.continue': 'Continuer',
  'session.see-summary': 'Voir le résumé',
  'session.for-household': ' : {name}',
  'session.close': 'Clore la séance',
  'session.close.confirm':
    'Clore la séance maintenant ? Plus personne ne pourra s’y inscrire. Les réponses déjà données restent enregistrées.',
  'session.close.yes': 'Oui, clore la séance',
  'session.close.no': 'Non, continuer',
  'session.close.unfinished':
    'Ces foyers n’ont pas vu toutes les idées. Vous pouvez continuer avec eux avant de clore :',
  'session.closed': 'Cette séance est close.',
  'session.old':
    'Cette séance est finie depuis longtemps, mais personne ne l’a close. Vous pouvez la clore en bas de la page.',

  'signup.title': 'Inscrire un foyer',
  'signup.no-witness.title': 'Il faut un voisin déjà inscrit',
  'signup.no-witness.body':
    'On s’inscrit en présence d’au moins un voisin déjà inscrit : c’est lui qui vous accueille. Cochez ci-dessous qui est là, puis vous pourrez inscrire le foyer.',
  'signup.name.label': 'Nom que les voisins verront',
  'signup.name.hint': 'Par exemple « Famille Diallo » ou « Marie et Paul ».',
  'signup.place.label': 'Rue ou bâtiment',
  'signup.languages.legend': 'Langues parlées',
  'signup.languages.more': 'Autres langues',
  'signup.contact.legend': 'Pour vous joindre',
  'signup.contact.note':
    'L’association voit ces informations. Un voisin les voit seulement si vous dites oui tous les deux pour un échange, et si vous cochez la case plus bas.',
  'signup.phone.label': 'Téléphone',
  'signup.email.label': 'Adresse e-mail',
  'signup.flat.label': 'Numéro d’appartement',
  'signup.consent.legend': 'Votre accord',
  'signup.consent.data':
    'J’accepte que l’association garde ces informations pour me mettre en lien avec des voisins.',
  'signup.consent.share':
    'J’accepte que l’association donne mon numéro ou mon e-mail à un voisin pour un échange, s’il est d’accord lui aussi.',
  'signup.witnesses.legend': 'Voisins qui accueillent ce foyer',
  'signup.witnesses.hint': 'Cochez au moins un voisin déjà inscrit, présent à la séance.',
  'signup.submit': 'Inscrire ce foyer et commencer',
  'signup.back': 'Revenir à la séance',
  'signup.drafts.title': 'Inscriptions commencées sur cette tablette',
  'signup.drafts.unnamed': 'Sans nom, commencée à {time}',
  'signup.drafts.resume': 'Reprendre',
  'signup.drafts.discard': 'Effacer',
  'signup.drafts.discard.confirm':
    'Effacer ce qui a été écrit pour « {name} » ? On ne pourra pas le retrouver.',
  'signup.drafts.discard.yes': 'Oui, effacer',
  'signup.drafts.discard.no': 'Non, garder',
  'signup.draft.saved': 'Gardé sur cette tablette. Vous pourrez reprendre plus tard.',
  'signup.consent.again': 'L’accord se donne à chaque fois : cochez de nouveau pour dire oui.',

  'scan.household': 'Foyer : {name}',
  'scan.pause': 'Faire une pause',
  'scan.to-summary': 'Revenir au résumé',
  'scan.progress': '{position} / {total}',
  'scan.progress.label': 'Avancement dans les idées',
  'scan.announce': 'Idée {position} sur {total}, thème : {theme}',
  'scan.answers.label': 'Votre réponse',
  'scan.chosen': 'Votre réponse',
  'scan.back': 'Retour',
  'scan.skip-theme': 'Passer ce thème',
  'scan.empty': 'Il n’y a aucune idée à voir pour l’instant.',

  'summary.title': 'Merci, {name} !',
  'summary.intro': 'Voici ce que vous avez dit. Vous pourrez tout changer plus tard.',
  'summary.matched.none':
    'Pas encore de voisin sur les mêmes idées : les prochains inscrits vont vous rejoindre !',
  'summary.matched.one': 'Déjà {count} voisin a quelque chose à partager avec vous.',
  'summary.matched.other': 'Déjà {count} voisins ont quelque chose à partager avec vous.',
  'summary.offering-what-you-seek.one': '{count} voisin propose ce que vous cherchez.',
  'summary.offering-what-you-seek.other': '{count} voisins proposent ce que vous cherchez.',
  'summary.seeking-what-you-offer.one': '{count} voisin cherche ce que vous proposez.',
  'summary.seeking-what-you-offer.other': '{count} voisins cherchent ce que vous proposez.',
  'summary.offers.title': 'Vous proposez',
  'summary.seeks.title': 'Vous cherchez',
  'summary.joins.title': 'Vous participeriez',
  'summary.offers.match.one': '{count} voisin cherche cela',
  'summary.offers.match.other': '{count} voisins cherchent cela',
  'summary.seeks.match.one': '{count} voisin propose cela',
  'summary.seeks.match.other': '{count} voisins proposent cela',
  'summary.joins.match.one': '{count} voisin participerait aussi',
  'summary.joins.match.other': '{count} voisins participeraient aussi',
  'summary.nothing':
    'Vous n’avez rien choisi pour l’instant. Ce n’est pas grave : vous pourrez compléter quand vous voudrez.',
  'summary.encourage': 'Chaque réponse compte : c’est comme ça qu’un quartier se tisse.',
  'summary.edit': 'Modifier mes réponses',
  'summary.done': 'Terminer',
  'summary.unseen.title': 'Thèmes pas encore vus',
  'summary.unseen.intro':
    'Vous n’avez pas encore vu ces idées. Vous pouvez les voir maintenant, ou une autre fois.',
  'summary.unseen.count.one': '{count} idée pas vue',
  'summary.unseen.count.other': '{count} idées pas vues',
  'summary.see-theme': 'Voir ce thème',
  'summary.change': 'Changer',
  'summary.themes.title': 'Revoir un thème',
  'summary.theme.open': 'Revoir',

  'catalogue.title': 'Les idées du catalogue',
  'catalogue.intro':
    'Retirez les idées qui ne conviennent pas à votre quartier, ajoutez les vôtres. Les réponses déjà données sont gardées.',
  'catalogue.theme.count.one': '{count} idée',
  'catalogue.theme.count.other': '{count} idées',
  'catalogue.theme.retired.one': ', dont {count} retirée',
  'catalogue.theme.retired.other': ', dont {count} retirées',
  'catalogue.local': 'idée du quartier',
  'catalogue.retired': 'retirée',
  'catalogue.retire': 'Retirer',
  'catalogue.restore': 'Remettre',
  'catalogue.for-idea': ' : {title}',
  'catalogue.add.title': 'Ajouter une idée du quartier',
  'catalogue.add.theme': 'Thème',
  'catalogue.add.kind': 'Type d’idée',
  'catalogue.add.idea-title': 'Titre de l’idée',
  'catalogue.add.idea-title.hint': 'Court et clair. Par exemple « Prêter une poussette ».',
  'catalogue.add.idea-hint': 'Précision',
  'catalogue.add.submit': 'Ajouter cette idée',
  'catalogue.add.done': 'Idée ajoutée : « {title} ».',
} as const;

export const errors: Record<ErrorCode, string> = {
  required: 'Ce champ est à remplir.',
  'too-long': 'C’est trop long : raccourcissez un peu.',
  invalid: 'Cette valeur n’est pas reconnue.',
  'invalid-phone': 'Ce numéro ne semble pas complet. Exemple : 06 12 34 56 78.',
  'invalid-email': 'Cette adresse ne semble pas correcte. Exemple : nom@exemple.fr.',
  'invalid-date': 'Cette date n’est pas complète. Écrivez le jour, le mois et l’année.',
  'date-past': 'Cette date est déjà passée. Choisissez une date à venir.',
  'dwellings-range': 'Indiquez un nombre de logements entre 1 et 5 000.',
  'places-required': 'Indiquez au moins une rue ou un bâtiment.',
  'places-duplicate': 'Cette rue ou ce bâtiment est déjà dans la liste.',
  'founders-required': 'Indiquez au moins un habitant qui lance le projet.',
  'place-unknown': 'Choisissez une rue ou un bâtiment de la liste.',
  'consent-required': 'Cet accord est nécessaire pour s’inscrire.',
  'perimeter-exists': 'Un périmètre existe déjà sur cette tablette.',
  'perimeter-missing': 'Le périmètre est introuvable sur cette tablette.',
  'session-missing': 'Cette séance est introuvable.',
  'session-closed': 'Cette séance est close.',
  'no-witness-present': 'Aucun voisin déjà inscrit n’est présent : cochez d’abord qui est là.',
  'witness-required': 'Cochez au moins un voisin qui accueille ce foyer.',
  'witness-not-present': 'Un des voisins cochés n’est pas présent à la séance.',
  'household-missing': 'Ce foyer est introuvable.',
  'idea-missing': 'Cette idée est introuvable.',
  'idea-retired': 'Cette idée n’est plus proposée.',
  'answer-not-allowed': 'Cette réponse ne convient pas à cette idée.',
  'theme-missing': 'Choisissez un thème de la liste.',
  'credential-missing': 'Cet accès est introuvable.',
  'link-self': 'On ne peut pas se choisir soi-même.',
  'link-not-a-match': 'Ce voisin ne répond plus à cette idée comme vous. Revenez à la liste.',
  'group-threshold-range': 'Choisissez un nombre entre 2 et 50.',
  'invalid-time': 'Cette heure n’est pas valable. Exemple : 14:30.',
  'cafe-theme-required': 'Choisissez un thème de la liste, ou écrivez un thème à vous.',
  'cafe-time-order': 'L’heure de fin doit venir après l’heure de début.',
  'cafe-missing': 'Ce café est introuvable.',
  'cafe-not-planned': 'Ce café est fini ou annulé : on ne peut plus s’y inscrire.',
  'cafe-too-early': 'Ce café n’a pas encore commencé. Revenez le jour du café.',
  'cafe-over': 'Ce café serait déjà fini : choisissez une heure de fin à venir.',
  'cafe-state': 'Ce café est déjà fini ou annulé : il ne peut plus changer.',
  'proposal-missing': 'Cette proposition est introuvable.',
  'proposal-decided': 'Une réponse a déjà été donnée à cette proposition.',
  'proposals-full': 'Vous avez déjà proposé 20 idées. Merci ! Parlez-en à l’animateur.',
  'project-missing': 'Ce projet est introuvable.',
  'projects-full': 'Vous avez déjà lancé 10 projets. Parlez-en à l’animateur.',
  'storage-full':
    'Cet appareil est plein : rien de nouveau ne peut être enregistré. Libérez de la place, puis réessayez.',
  'storage-failed': 'L’enregistrement n’a pas marché. Réessayez : ce qui était déjà enregistré est gardé.',
  'app-outdated':
    'Il faut mettre Tissage à jour pour continuer. Rechargez la page avec du réseau. Rien n’est perdu.',
};

/**
 * Refusals said with their limit, when the domain gives it (FieldError `max`): `{max}` is filled
 * in from the schema's own limit, so the text never drifts from the rule (WCAG 2.2 SC 3.3.3).
 */
export const errorsWithLimit: Partial<Record<ErrorCode, string>> = {
  'too-long': 'C’est trop long : {max} caractères au plus.',
};

export const languages: Record<Language, string> = {
  fr: 'français',
  ar: 'arabe',
  ber: 'berbère (tamazight)',
  en: 'anglais',
  es: 'espagnol',
  pt: 'portugais',
  it: 'italien',
  de: 'allemand',
  nl: 'néerlandais',
  tr: 'turc',
  ro: 'roumain',
  pl: 'polonais',
  ru: 'russe',
  uk: 'ukrainien',
  zh: 'chinois',
  vi: 'vietnamien',
  wo: 'wolof',
  bm: 'bambara',
  ln: 'lingala',
  ta: 'tamoul',
  fa: 'persan',
};

export const sessionKinds: Record<SessionKind, string> = {
  cafe: 'Café',
  gouter: 'Goûter',
  aperitif: 'Apéritif',
};

export const answers: Record<AnswerValue, string> = {
  offer: 'Je propose',
  seek: 'Je cherche',
  both: 'Je propose et je cherche',
  no: 'Pas pour moi',
  join: 'Je participerais',
};

export const ideaKinds: Record<IdeaKind, string> = {
  exchange: 'Un échange entre voisins : proposer ou chercher',
  collective: 'Une activité à plusieurs : participer',
};

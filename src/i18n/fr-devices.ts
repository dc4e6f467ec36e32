/**
 * French messages of the screens that connect devices: joining the server (`join.*`), a
 * household's phone access (`access.*`) and the facilitator's "Cet appareil" panel (`device.*`).
 * Kept apart from fr.ts because those screens load on demand: their words travel with them rather
 * than in the first screen's bundle. Same rules as fr.ts (tone, `.one` / `.other` plural pairs).
 */

export const messages = {
  'join.household.title': 'Tissage sur votre téléphone',
  'join.facilitator.title': 'Relier cette tablette au serveur',
  'join.progress': 'Connexion en cours…',
  'join.failed.offline':
    'Pas de réseau sur cet appareil. Il en faut pour cette première fois. Réessayez quand le réseau revient.',
  'join.failed.unknown-credential':
    'Ce code n’est pas reconnu. Vérifiez chaque lettre avec la carte. Si le code est tout neuf, la tablette de l’association doit d’abord se connecter au réseau. Réessayez ensuite.',
  'join.failed.invalid-code': 'Ce code n’est pas valable. Vérifiez chaque lettre avec votre carte.',
  'join.failed.invalid-invitation':
    'Une invitation ne sert qu’une seule fois : demandez-en une nouvelle si besoin.',
  'join.failed.perimeter-in-use':
    'Ce périmètre existe déjà sur le serveur, avec d’autres tablettes : celui de cette tablette ne peut pas y être rattaché. Faites d’abord une copie de ses données (« Cet appareil », puis « Exporter dans un fichier ») et demandez conseil à la personne qui gère le serveur.',
  'join.failed.server-error': 'Le site Tissage ne répond pas. Réessayez dans un moment.',
  'join.retry': 'Réessayer',
  'join.code.title': 'J’ai un code',
  'join.code.intro': 'Tapez le code écrit sur votre carte. Vous pouvez aussi coller le lien reçu.',
  'join.code.label': 'Votre code',
  'join.code.hint': 'Par exemple : abcd efgh jkmn pqrs',
  'join.code.submit': 'Utiliser ce code',
  'join.code.empty': 'Tapez le code écrit sur votre carte.',
  'access.title': 'Accès téléphone : {name}',
  'access.intro':
    'Avec cet accès, le foyer retrouve ses réponses sur son propre téléphone et peut les compléter quand il veut. Il n’y voit que son propre espace : ni les séances, ni les autres foyers.',
  'access.create': 'Créer un accès pour le téléphone',
  'access.creating': 'Création…',
  'access.card.title': 'Tissage sur votre téléphone',
  'access.card.household': 'Foyer : {name}',
  'access.card.scan': 'Scannez ce code avec l’appareil photo du téléphone.',
  'access.card.or-code': 'Ou ouvrez {site}, touchez « J’ai un code » et tapez ce code :',
  'access.qr.alt': 'Code QR à scanner avec le téléphone du foyer {name}',
  'access.code.label': 'Votre code :',
  'access.once':
    'Ce code n’est montré qu’une seule fois, maintenant : imprimez-le ou notez-le avant de quitter cette page.',
  'access.offline':
    'Il a été créé sur cette tablette, sans avoir besoin du réseau. Le serveur l’acceptera dès que cette tablette se sera connectée.',
  'access.local':
    'Cette tablette n’est pas encore reliée à un serveur : le téléphone ne pourra se servir de ce code qu’après (voir « Cet appareil »).',
  'access.print': 'Imprimer',
  'access.list.title': 'Accès déjà donnés',
  'access.list.empty': 'Aucun accès n’a encore été donné à ce foyer.',
  'access.list.item': 'Accès créé {when}',
  'access.list.revoked': 'retiré',
  'access.list.current': 'celui affiché ci-dessus',
  'access.revoke': 'Retirer cet accès',
  'access.revoke.for': ' créé {when}',
  'access.revoke.confirm':
    'Retirer cet accès ? Le téléphone qui s’en sert ne pourra plus rien envoyer ni recevoir.',
  'access.revoke.yes': 'Oui, le retirer',
  'access.revoke.no': 'Non, le garder',
  'access.revoked': 'Cet accès a été retiré.',
  'device.title': 'Cet appareil',
  'device.sync.title': 'Enregistrement',
  'device.mode.local': 'Cette tablette n’est reliée à aucun serveur : tout reste sur elle.',
  'device.mode.synced': 'Cette tablette est reliée au serveur.',
  'device.connection.online': 'Elle est connectée au serveur en ce moment.',
  'device.connection.connecting': 'Elle essaie de se connecter au serveur.',
  'device.connection.no-network': 'Cet appareil n’a pas de réseau en ce moment.',
  'device.connection.unreachable':
    'Le réseau marche, mais le serveur ne répond pas : pas de réponse dans le délai, ou connexion refusée. Elle réessaie toute seule.',
  'device.connection.idle': 'Elle n’essaie pas de se connecter au serveur.',
  'device.waiting.none': 'Aucun changement de cet appareil n’attend d’être envoyé.',
  'device.waiting.one': '{count} changement de cet appareil n’est pas encore sur le serveur.',
  'device.waiting.other': '{count} changements de cet appareil ne sont pas encore sur le serveur.',
  'device.stored.never': 'Le serveur n’a encore jamais confirmé avoir tout enregistré.',
  'device.stored.at': 'Dernière confirmation du serveur : tout y était enregistré {when}.',
  'device.contacts.none': 'Aucune coordonnée n’attend d’être envoyée depuis cette tablette.',
  'device.contacts.one': 'Les coordonnées de {count} foyer sont seulement sur cette tablette.',
  'device.contacts.other': 'Les coordonnées de {count} foyers sont seulement sur cette tablette.',
  'device.storage.title': 'Protection des données',
  'device.storage.unknown': 'Le navigateur n’a pas encore dit s’il garde les données de cet appareil.',
  'device.storage.granted': 'Le navigateur s’est engagé à garder les données de cet appareil.',
  'device.passphrase.short': 'Le mot de passe du fichier doit avoir au moins {min} caractères.',
  'device.passphrase.mismatch': 'Les deux mots de passe ne sont pas pareils. Tapez deux fois le même.',
  'device.export.title': 'Exporter une copie',
  'device.export.intro':
    'Le fichier contient tout le périmètre et les coordonnées pas encore envoyées au serveur. Il est protégé par un mot de passe : sans lui, personne ne peut le lire, vous non plus. Notez-le à part.',
  'device.export.passphrase': 'Mot de passe du fichier',
  'device.export.passphrase.hint': 'Au moins 8 caractères : quelques mots faciles à retenir.',
  'device.export.passphrase2': 'Le même mot de passe, une deuxième fois',
  'device.export.submit': 'Exporter dans un fichier',
  'device.export.busy': 'Préparation du fichier…',
  'device.export.done': 'Le fichier « {file} » est prêt, dans les téléchargements de cet appareil.',
  'device.export.failed': 'L’export n’a pas marché. Réessayez.',
  'device.import.title': 'Importer une copie',
  'device.import.intro':
    'Ajoute à cette tablette le contenu d’un fichier exporté pour ce même périmètre. Rien n’est effacé : les deux sont réunis.',
  'device.import.file': 'Fichier exporté (.tissage.json)',
  'device.import.passphrase': 'Mot de passe du fichier',
  'device.import.file.missing': 'Choisissez un fichier.',
  'device.import.passphrase.missing': 'Tapez le mot de passe du fichier.',
  'device.import.submit': 'Importer ce fichier',
  'device.import.busy': 'Import en cours…',
  'device.import.imported': 'Le fichier a été importé : son contenu est maintenant sur cette tablette.',
  'device.import.not-an-export':
    'Ce fichier n’est pas un export de Tissage, ou il a été modifié : il n’a pas été importé.',
  'device.import.newer-version':
    'Ce fichier vient d’une version plus récente de Tissage. Mettez l’application à jour, puis réessayez.',
  'device.import.wrong-passphrase':
    'Ce mot de passe n’ouvre pas ce fichier. Vérifiez-le, lettre par lettre, et réessayez.',
  'device.import.invalid-content':
    'Ce fichier s’ouvre, mais son contenu n’est pas valide : il n’a pas été importé.',
  'device.import.other-perimeter': 'Ce fichier vient d’un autre périmètre : il n’a pas été importé.',
  'device.import.failed': 'L’import n’a pas marché. Réessayez.',
  'device.join.title': 'Relier cette tablette à un serveur',
  'device.join.intro':
    'Avec le code d’invitation reçu de la personne qui gère le serveur, cette tablette y envoie tout ce qu’elle contient, puis reste à jour avec les autres. Il faut une connexion pour cette étape.',
  'device.join.label': 'Code d’invitation',
  'device.join.hint': 'Le code, ou le lien reçu.',
  'device.join.submit': 'Relier cette tablette',
  'device.join.empty': 'Tapez le code d’invitation.',
  'device.join.done': 'Cette tablette est maintenant reliée au serveur.',
  'device.errors.title': 'Incidents sur cet appareil',
  'device.errors.intro':
    'Ce que l’application a dû laisser de côté sans vous déranger. En général, il n’y a rien à faire : elle réessaie d’elle-même. Si quelque chose ne va pas, montrez cette liste à la personne qui s’occupe de Tissage.',
  'device.errors.none': 'Aucun incident noté.',
  'device.errors.entry': '{when} : {task} ({kind}).',
  'device.errors.more.one': 'et {count} incident plus ancien.',
  'device.errors.more.other': 'et {count} incidents plus anciens.',
  'device.errors.task.document-open': 'le périmètre n’a pas pu être ouvert',
  'device.errors.task.contacts-upload': 'l’envoi des coordonnées au serveur n’a pas abouti',
  'device.errors.task.stored-ack-save': 'la confirmation du serveur n’a pas pu être notée',
  'device.errors.task.stored-ack-garbled': 'une confirmation du serveur était illisible',
  'device.errors.task.stored-ack-restore': 'la dernière confirmation du serveur n’a pas pu être relue',
  'device.errors.task.reconnect': 'la reconnexion au serveur n’a pas abouti',
  'device.errors.task.document-compaction': 'le rangement des données enregistrées n’a pas abouti',
  'device.errors.task.read-model': 'l’affichage n’a pas pu suivre une modification',
  'device.errors.task.scan-start':
    'le début du parcours d’un foyer inscrit n’a pas pu être noté : il reprendra à la première idée',
  'device.errors.task.scan-move':
    'la place d’un foyer dans son parcours n’a pas pu être notée : il reprendra sur une idée déjà répondue',
  'device.errors.task.sign-up-undo':
    'les coordonnées d’une inscription qui a échoué n’ont pas pu être effacées',
  'device.errors.task.update-check': 'la recherche d’une nouvelle version n’a pas abouti',
  'device.errors.task.screen-command': 'une action n’a pas pu être enregistrée',
  'device.errors.task.neighbour-contacts':
    'les coordonnées d’un voisin n’ont pas pu être mises à jour sur cet appareil',
  'device.errors.task.perimeter-forget': 'un quartier effacé n’a pas pu être oublié par cet appareil',
  'device.errors.kind.QuotaExceededError': 'l’espace de stockage est plein',
  'device.errors.kind.AbortError': 'l’opération a été interrompue',
  'device.errors.kind.TypeError': 'souvent : pas de réseau',
  'device.errors.kind.other': 'erreur technique « {kind} »',
} as const;

// Demo data of the knowledge exchange: practices, guides and templates of LU and BE administrations in varied
// languages, four synthetic people listed in the network, and the LU–BE colloquium with its programme and materials.
// Every person here is invented; their addresses are at example.lu and example.be.
import type { Actor, Role } from "../http/actor.ts";
import type { Lang } from "../i18n/languages.ts";
import type { LocalizedText } from "../domains/systems/schema.ts";
import type { Services } from "../services.ts";

type Texts = Partial<Record<Lang, string>>;

/** Authored texts; a text marked `machine` is a machine translation the organisation has not reviewed. */
function texts(values: Texts, machine: Lang[] = []): LocalizedText {
  return Object.fromEntries(Object.entries(values).map(([lang, text]) => [lang, { text, status: machine.includes(lang as Lang) ? "machine" : "authored" }]));
}

const practices = [
  {
    organisationId: "lu-health",
    kind: "guide",
    sector: "health",
    tags: ["transparence", "patients", "information"],
    link: "https://sante.example.lu/guides/informer-les-patients",
    sharing: "public",
    title: texts({
      fr: "Informer les patients de l'usage d'un algorithme",
      de: "Patientinnen und Patienten über den Einsatz eines Algorithmus informieren",
      en: "Telling patients that an algorithm is used",
    }),
    summary: texts({
      fr: "Quand et comment dire aux patients qu'un outil algorithmique aide à une décision qui les concerne, avec des exemples de formulations.",
      de: "Wann und wie Patientinnen und Patienten erfahren, dass ein algorithmisches Werkzeug eine Entscheidung unterstützt, mit Formulierungsbeispielen.",
      en: "When and how to tell patients that an algorithmic tool supports a decision about them, with example wording.",
    }),
    body: texts({
      fr: "Les patients doivent savoir qu'un algorithme intervient, ce qu'il fait et ce qu'il ne fait pas. Nous recommandons une information en deux niveaux : une phrase courte au moment de la décision, puis une page détaillée accessible en ligne.\n\nLa recommandation principale : nommer la personne responsable de la décision finale, et dire comment demander un réexamen humain.",
      de: "Patientinnen und Patienten sollen wissen, dass ein Algorithmus beteiligt ist, was er tut und was nicht. Wir empfehlen eine Information in zwei Stufen: ein kurzer Satz im Moment der Entscheidung, dann eine ausführliche Seite online.\n\nDie wichtigste Empfehlung: die Person nennen, die die endgültige Entscheidung trifft, und sagen, wie eine menschliche Überprüfung verlangt werden kann.",
      en: "Patients should know that an algorithm is involved, what it does and what it does not. We recommend two levels of information: a short sentence when the decision is made, then a detailed page online.\n\nThe main recommendation: name the person responsible for the final decision, and say how to ask for a human review.",
    }),
  },
  {
    organisationId: "be-health-insurance",
    kind: "practice",
    sector: "social_security",
    tags: ["menselijke controle", "terugbetaling"],
    sharing: "public",
    title: texts({
      nl: "Menselijke controle bij geautomatiseerde terugbetalingsbeslissingen",
      fr: "Contrôle humain des décisions de remboursement automatisées",
    }),
    summary: texts({
      nl: "Elke weigering die door het model wordt voorgesteld, wordt door een dossierbeheerder nagekeken voordat ze wordt verstuurd.",
      fr: "Tout refus proposé par le modèle est vérifié par un gestionnaire de dossier avant d'être envoyé.",
    }),
    body: texts({
      nl: "Het model rangschikt aanvragen; het beslist niet. Een dossierbeheerder bekijkt elke voorgestelde weigering en kan ze zonder motivering overrulen. Eens per kwartaal vergelijken we de overrulingen per regio om afwijkingen te vinden.\n\nOnze aanbeveling: meet hoe vaak beheerders het model volgen. Een percentage dicht bij honderd kan op automatisme wijzen.",
      fr: "Le modèle classe les demandes ; il ne décide pas. Un gestionnaire de dossier examine chaque refus proposé et peut le renverser sans motivation. Chaque trimestre, nous comparons les renversements par région pour repérer les écarts.\n\nNotre recommandation : mesurer à quelle fréquence les gestionnaires suivent le modèle. Un taux proche de cent pour cent peut signaler un automatisme.",
    }),
  },
  {
    organisationId: "lu-roads",
    kind: "template",
    sector: "transport",
    tags: ["marchés publics", "clause", "ia"],
    link: "https://ponts-chaussees.example.lu/modeles/clause-ia.docx",
    sharing: "public",
    title: texts({ fr: "Modèle de clause pour l'achat d'un système d'IA" }),
    summary: texts({ fr: "Une clause type à insérer dans un cahier des charges : documentation, accès aux journaux, audits de biais et réversibilité." }),
    body: texts({
      fr: "Le fournisseur remet la documentation technique du système, donne accès aux journaux de fonctionnement pendant toute la durée du marché, accepte un audit de biais par un tiers choisi par l'administration et garantit la restitution des données à la fin du contrat.\n\nAdaptez les délais à la taille du marché.",
    }),
  },
  {
    organisationId: "be-brussels-mobility",
    kind: "practice",
    sector: "transport",
    tags: ["sandbox", "verkeer", "prévision"],
    sharing: "public",
    title: texts({
      fr: "Tester un modèle de prévision du trafic dans un bac à sable",
      nl: "Een model voor verkeersvoorspelling testen in een zandbak",
      en: "Testing a traffic forecasting model in a sandbox",
    }, ["en"]),
    summary: texts({
      fr: "Six semaines d'essai sur des données passées avant toute mise en service, avec des critères d'arrêt fixés d'avance.",
      nl: "Zes weken testen op historische gegevens vóór elke ingebruikname, met vooraf vastgelegde stopcriteria.",
      en: "Six weeks of trials on past data before going live, with exit criteria set in advance.",
    }, ["en"]),
    body: texts({
      fr: "Le modèle a d'abord tourné en parallèle des prévisions existantes, sans effet sur la signalisation. Nous avons fixé avant l'essai les seuils d'erreur au-delà desquels il serait arrêté.",
      nl: "Het model draaide eerst naast de bestaande voorspellingen, zonder invloed op de signalisatie. Vóór de test legden we de foutdrempels vast waarboven het zou worden stopgezet.",
      en: "The model first ran alongside the existing forecasts, with no effect on traffic signals. Before the trial we set the error thresholds beyond which it would be stopped.",
    }, ["en"]),
  },
  {
    organisationId: "be-flemish-education",
    kind: "guide",
    sector: "education",
    tags: ["bias-audit", "schooltoewijzing"],
    sharing: "partners",
    title: texts({ nl: "Handleiding: een bias-audit van de schooltoewijzing" }),
    summary: texts({ nl: "Hoe we de toewijzing van leerlingen aan scholen op ongelijke behandeling controleren, stap voor stap." }),
    body: texts({
      nl: "We vergelijken de toewijzingen per groep ouders met de voorkeuren die ze opgaven. Groepen worden alleen gevormd uit gegevens die we al wettelijk verwerken.\n\nDeel deze handleiding niet buiten de administraties: ze bevat nog voorlopige drempels.",
    }),
  },
  {
    organisationId: "lu-tax",
    kind: "practice",
    sector: "taxation",
    tags: ["erklärbarkeit", "contrôle fiscal"],
    sharing: "public",
    title: texts({
      de: "Erklärbare Risikobewertungen in der Steuerprüfung",
      fr: "Des scores de risque explicables dans le contrôle fiscal",
    }),
    summary: texts({
      de: "Prüferinnen und Prüfer sehen zu jedem Risikowert die drei Merkmale, die ihn am stärksten beeinflusst haben.",
      fr: "Les contrôleurs voient, pour chaque score de risque, les trois caractéristiques qui l'ont le plus influencé.",
    }),
    body: texts({
      de: "Ein Risikowert allein führt nie zu einer Prüfung. Die Begründung wird im Dossier gespeichert, damit die steuerpflichtige Person sie auf Anfrage erhält.",
      fr: "Un score seul ne déclenche jamais de contrôle. La justification est conservée au dossier, pour que le contribuable puisse l'obtenir sur demande.",
    }),
  },
] as const;

const people: Array<{ email: string; displayName: string; organisationId: string; role: Role; position: string; expertise: string[]; languages: string[] }> = [
  {
    email: "claire.weber@example.lu",
    displayName: "Claire Weber",
    organisationId: "lu-health",
    role: "editor",
    position: "Chargée de mission IA et santé",
    expertise: ["santé", "transparence", "analyse d'impact"],
    languages: ["lb", "fr", "de", "en"],
  },
  {
    email: "luc.hoffmann@example.lu",
    displayName: "Luc Hoffmann",
    organisationId: "lu-roads",
    role: "viewer",
    position: "Ingénieur données, gestion du trafic",
    expertise: ["transport", "prévision", "marchés publics"],
    languages: ["lb", "de", "fr"],
  },
  {
    email: "sofie.peeters@example.be",
    displayName: "Sofie Peeters",
    organisationId: "be-health-insurance",
    role: "viewer",
    position: "Data scientist, team fraudebestrijding",
    expertise: ["bias-audit", "sociale zekerheid"],
    languages: ["nl", "fr", "en"],
  },
  {
    email: "julien.dubois@example.be",
    displayName: "Julien Dubois",
    organisationId: "be-brussels-mobility",
    role: "viewer",
    position: "Responsable innovation mobilité",
    expertise: ["transport", "sandbox"],
    languages: ["fr", "nl", "en"],
  },
];

/** Loads the exchange's demo data, unless the library already holds practices (it is loaded once). */
export async function loadDemoExchange(services: Services, actor: Actor): Promise<void> {
  const { exchange, users } = services;
  if ((await exchange.searchPractices(actor, { page: 1, pageSize: 1 }, "fr")).total > 0) return;
  for (const practice of practices) await exchange.createPractice(actor, practice);

  const members = new Map<string, string>();
  for (const person of people) {
    const { user } = await users.createUser(actor, { email: person.email, displayName: person.displayName, memberships: [{ organisationId: person.organisationId, role: person.role }] });
    // Each person lists themself, consenting, through the same use case as the workspace's form.
    const self: Actor = { kind: "user", id: user.id, email: user.email, displayName: user.displayName, platformAdmin: false, roles: { [person.organisationId]: [person.role] }, via: "session", scopes: [] };
    await exchange.saveListing(self, { organisationId: person.organisationId, position: person.position, expertise: person.expertise, languages: person.languages, consent: true });
    members.set(person.displayName, (await exchange.ownListing(self))!.id);
  }
  const speakers = (...names: string[]) => names.map((name) => members.get(name)!);

  const event = await exchange.createEvent(actor, {
    organisationId: "lu-health",
    title: texts({
      fr: "Colloque LU–BE : l'IA dans le secteur public",
      nl: "Colloquium LU–BE: AI in de publieke sector",
      de: "Kolloquium LU–BE: KI im öffentlichen Sektor",
      en: "LU–BE colloquium: AI in the public sector",
    }),
    description: texts({
      fr: "Deux jours d'échanges entre les administrations luxembourgeoises et belges sur les projets pilotes communs, les audits de biais et la transparence des algorithmes publics.",
      nl: "Twee dagen uitwisseling tussen de Luxemburgse en Belgische administraties over gezamenlijke proefprojecten, bias-audits en de transparantie van publieke algoritmen.",
      de: "Zwei Tage Austausch zwischen den luxemburgischen und belgischen Verwaltungen über gemeinsame Pilotprojekte, Bias-Audits und die Transparenz öffentlicher Algorithmen.",
      en: "Two days of exchange between the Luxembourg and Belgian administrations on joint pilots, bias audits and the transparency of public algorithms.",
    }),
    startsOn: "2026-10-15",
    endsOn: "2026-10-16",
    place: "Luxembourg, Abbaye de Neumünster",
    sharing: "public",
  });
  const sessions = [
    { day: "2026-10-15", startsAt: "09:30", title: texts({ fr: "Ouverture et présentation des projets pilotes communs", en: "Opening and the joint pilots" }), speakers: speakers("Claire Weber") },
    { day: "2026-10-15", startsAt: "11:00", title: texts({ fr: "Audits de biais : l'expérience belge", nl: "Bias-audits: de Belgische ervaring" }), speakers: speakers("Sofie Peeters") },
    { day: "2026-10-15", startsAt: "14:00", title: texts({ fr: "Prévoir le trafic des deux côtés de la frontière", de: "Verkehrsprognosen auf beiden Seiten der Grenze" }), speakers: speakers("Luc Hoffmann", "Julien Dubois") },
    { day: "2026-10-16", startsAt: "09:30", title: texts({ fr: "Registres des algorithmes : ce que les citoyens lisent", en: "Algorithm registers: what citizens read" }), speakers: [] },
  ];
  for (const session of sessions) await exchange.addSession(actor, event.id, session);
  for (const material of [
    { title: texts({ fr: "Actes du colloque", en: "Proceedings of the colloquium" }), url: "https://colloque.example.lu/2026/actes.pdf" },
    { title: texts({ fr: "Présentation : audits de biais", nl: "Presentatie: bias-audits" }), url: "https://colloque.example.lu/2026/audits-de-biais.pdf" },
  ]) {
    await exchange.addMaterial(actor, event.id, material);
  }
}

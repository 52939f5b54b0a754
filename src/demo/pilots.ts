// Demo data of joint pilots: LU–BE pilots in health and transport at different stages, with their controlled frame,
// indicators measured in both countries, milestones and lessons learned. Synthetic throughout; the contacts are the
// invented people of the network demo (exchange.ts), who listed themselves.
import type { Actor } from "../http/actor.ts";
import type { Lang } from "../i18n/languages.ts";
import type { LocalizedText } from "../domains/systems/schema.ts";
import type { Services } from "../services.ts";

type Texts = Partial<Record<Lang, string>>;
const texts = (values: Texts): LocalizedText => Object.fromEntries(Object.entries(values).map(([lang, text]) => [lang, { text, status: "authored" }]));

interface DemoIndicator {
  name: Texts;
  unit: string;
  direction: "increase" | "decrease";
  targets: { LU?: { baseline: number; target: number }; BE?: { baseline: number; target: number } };
  /** Measurements per country: [date, value]. */
  measurements: { LU?: Array<[string, number]>; BE?: Array<[string, number]> };
}

interface DemoPilot {
  lead: string;
  partners: string[];
  observers?: string[];
  systems: string[];
  contacts: string[];
  input: Record<string, unknown>;
  milestones: Array<{ title: Texts; dueOn: string; doneOn?: string }>;
  indicators: DemoIndicator[];
  lessons: Array<{ organisationId: string; sharing: string; tags: string[]; title: Texts; context: Texts; whatWorked: Texts; whatDidNot: Texts; recommendation: Texts }>;
  /** States to go through after approval, each with what it needs. */
  path: Array<{ to: string; reason?: Texts; evaluation?: Texts }>;
}

const frame = (f: { scope: Texts; population: Texts; dataSharingBasis: Texts; safeguards: Texts; exitCriteria: Texts; supervisingAuthority: string }) => ({
  scope: texts(f.scope),
  population: texts(f.population),
  dataSharingBasis: texts(f.dataSharingBasis),
  safeguards: texts(f.safeguards),
  exitCriteria: texts(f.exitCriteria),
  supervisingAuthority: f.supervisingAuthority,
});

const demoPilots: DemoPilot[] = [
  {
    lead: "lu-health",
    partners: ["be-health-insurance"],
    systems: ["lu-health-line-chat-assistant"],
    contacts: ["Claire Weber", "Sofie Peeters"],
    input: {
      title: texts({
        fr: "Assistant conversationnel de la ligne santé",
        nl: "Conversationele assistent van de gezondheidslijn",
        de: "Gesprächsassistent der Gesundheitshotline",
        en: "Conversational assistant of the health line",
      }),
      summary: texts({
        fr: "La ligne santé luxembourgeoise et la mutualité belge testent ensemble un assistant qui oriente les appelants vers le bon service, sans jamais poser de diagnostic.",
        nl: "De Luxemburgse gezondheidslijn en het Belgische ziekenfonds testen samen een assistent die bellers naar de juiste dienst doorverwijst, zonder ooit een diagnose te stellen.",
        en: "The Luxembourg health line and the Belgian health insurer test together an assistant that directs callers to the right service, never making a diagnosis.",
      }),
      sector: "health",
      tags: ["triage", "chatbot", "patients"],
      frame: frame({
        scope: { fr: "Questions administratives et d'orientation ; aucune question médicale urgente.", en: "Administrative and orientation questions; no urgent medical question." },
        population: { fr: "Appelants adultes de la ligne santé, en français et en allemand.", en: "Adult callers of the health line, in French and German." },
        dataSharingBasis: { fr: "RGPD art. 6(1)(e) ; seuls des indicateurs agrégés passent la frontière.", en: "GDPR Art. 6(1)(e); only aggregate indicators cross the border." },
        safeguards: { fr: "Transfert immédiat vers un agent sur demande ; aucun enregistrement conservé au-delà de 30 jours.", en: "Immediate transfer to an agent on request; no recording kept beyond 30 days." },
        exitCriteria: { fr: "Arrêt si la satisfaction baisse sous 70 % ou si un appel urgent est mal orienté.", en: "Stop if satisfaction falls below 70 % or an urgent call is misdirected." },
        supervisingAuthority: "Commission nationale pour la protection des données (CNPD)",
      }),
      startsOn: "2026-02-01",
      endsOn: "2027-01-31",
      sharing: "public",
    },
    milestones: [
      { title: { fr: "Accord sur le cadre contrôlé", en: "Controlled frame agreed" }, dueOn: "2026-01-15", doneOn: "2026-01-12" },
      { title: { fr: "Premier bilan intermédiaire", en: "First interim review" }, dueOn: "2026-06-30", doneOn: "2026-07-03" },
      { title: { fr: "Évaluation finale", en: "Final evaluation" }, dueOn: "2027-02-28" },
    ],
    indicators: [
      {
        name: { fr: "Appels orientés dès le premier contact", nl: "Oproepen meteen juist doorverwezen", en: "Calls directed right at first contact" },
        unit: "%",
        direction: "increase",
        targets: { LU: { baseline: 62, target: 80 }, BE: { baseline: 58, target: 75 } },
        measurements: {
          LU: [
            ["2026-03-31", 66],
            ["2026-05-31", 71],
            ["2026-07-31", 74],
            ["2026-09-30", 78],
          ],
          BE: [
            ["2026-03-31", 60],
            ["2026-06-30", 65],
            ["2026-09-30", 69],
          ],
        },
      },
      {
        name: { fr: "Temps d'attente médian", nl: "Mediane wachttijd", en: "Median waiting time" },
        unit: "min",
        direction: "decrease",
        targets: { LU: { baseline: 9, target: 4 } },
        measurements: {
          LU: [
            ["2026-03-31", 8],
            ["2026-06-30", 6],
            ["2026-09-30", 5],
          ],
        },
      },
    ],
    lessons: [
      {
        organisationId: "lu-health",
        sharing: "public",
        tags: ["transparence", "agents"],
        title: { fr: "Dire dès la première phrase que l'on parle à un assistant", en: "Say in the first sentence that callers are talking to an assistant" },
        context: { fr: "Les premières semaines, des appelants croyaient parler à une personne.", en: "In the first weeks, some callers thought they were talking to a person." },
        whatWorked: { fr: "Une annonce courte au début de chaque appel et un mot-clé pour joindre un agent.", en: "A short announcement at the start of each call and a keyword to reach an agent." },
        whatDidNot: { fr: "Une mention dans les conditions d'utilisation du site : personne ne la lisait.", en: "A line in the website's terms of use: nobody read it." },
        recommendation: {
          fr: "Annoncer l'assistant dès la première phrase et offrir à tout moment le transfert vers un agent humain.",
          en: "Announce the assistant in the first sentence and offer a transfer to a human agent at any moment.",
        },
      },
      {
        organisationId: "be-health-insurance",
        sharing: "participants",
        tags: ["dialecten", "spraakherkenning"],
        title: { nl: "Spraakherkenning struikelt over streektaal" },
        context: { nl: "In de Belgische test belden veel mensen in een streektaal of met een sterk accent." },
        whatWorked: { nl: "Een terugvaloptie naar toetsen op de telefoon." },
        whatDidNot: { nl: "Het standaardmodel voor spraakherkenning, zonder bijkomende training." },
        recommendation: { nl: "Test spraakherkenning vooraf met opnames uit elke regio en voorzie altijd een alternatief zonder spraak." },
      },
    ],
    path: [{ to: "running" }],
  },
  {
    lead: "be-brussels-mobility",
    partners: ["lu-roads"],
    systems: ["be-bru-transport-demand-forecast", "lu-adaptive-traffic-lights"],
    contacts: ["Julien Dubois", "Luc Hoffmann"],
    input: {
      title: texts({
        fr: "Prévision du trafic transfrontalier",
        nl: "Voorspelling van het grensoverschrijdend verkeer",
        de: "Prognose des grenzüberschreitenden Verkehrs",
        en: "Cross-border traffic forecasting",
      }),
      summary: texts({
        fr: "Bruxelles Mobilité et l'Administration des ponts et chaussées comparent leurs modèles de prévision de la demande sur les axes frontaliers et partagent leurs méthodes d'évaluation.",
        nl: "Brussel Mobiliteit en de Luxemburgse wegenadministratie vergelijken hun vraagvoorspellingsmodellen op grensassen en delen hun evaluatiemethoden.",
        de: "Brüssel Mobilität und die luxemburgische Straßenbauverwaltung vergleichen ihre Nachfrageprognosen auf Grenzachsen und teilen ihre Bewertungsmethoden.",
      }),
      sector: "transport",
      tags: ["prévision", "trafic", "frontaliers"],
      frame: frame({
        scope: { fr: "Prévisions à J+1 sur six axes ; aucune donnée individuelle.", nl: "Voorspellingen voor de volgende dag op zes assen; geen individuele gegevens." },
        population: { fr: "Flux de véhicules agrégés par tranche de 15 minutes.", nl: "Voertuigstromen, samengeteld per kwartier." },
        dataSharingBasis: { fr: "Données agrégées et anonymes ; convention d'échange entre administrations.", nl: "Samengetelde, anonieme gegevens; uitwisselingsovereenkomst tussen administraties." },
        safeguards: { fr: "Les prévisions informent les gestionnaires ; aucune décision automatique sur la signalisation.", nl: "De voorspellingen informeren de beheerders; geen automatische beslissing over de signalisatie." },
        exitCriteria: { fr: "Arrêt si l'erreur ne baisse pas sous 15 % après six mois.", nl: "Stopzetting als de fout na zes maanden niet onder 15 % daalt." },
        supervisingAuthority: "Autorité de protection des données / Gegevensbeschermingsautoriteit",
      }),
      startsOn: "2025-09-01",
      endsOn: "2026-08-31",
      sharing: "public",
    },
    milestones: [
      { title: { fr: "Jeu de données commun", nl: "Gemeenschappelijke dataset" }, dueOn: "2025-10-31", doneOn: "2025-10-28" },
      { title: { fr: "Comparaison des modèles", nl: "Vergelijking van de modellen" }, dueOn: "2026-03-31", doneOn: "2026-04-10" },
      { title: { fr: "Évaluation finale", nl: "Eindevaluatie" }, dueOn: "2026-09-30", doneOn: "2026-09-25" },
    ],
    indicators: [
      {
        name: { fr: "Erreur moyenne des prévisions (MAPE)", nl: "Gemiddelde voorspellingsfout (MAPE)", en: "Mean forecast error (MAPE)" },
        unit: "%",
        direction: "decrease",
        targets: { BE: { baseline: 22, target: 12 }, LU: { baseline: 19, target: 12 } },
        measurements: {
          BE: [
            ["2025-12-31", 19],
            ["2026-03-31", 15],
            ["2026-06-30", 12.5],
          ],
          LU: [
            ["2025-12-31", 17],
            ["2026-03-31", 14],
            ["2026-06-30", 11.2],
          ],
        },
      },
    ],
    lessons: [
      {
        organisationId: "lu-roads",
        sharing: "public",
        tags: ["données", "frontaliers", "jours fériés"],
        title: { fr: "Les jours fériés des deux pays font l'erreur", de: "Die Feiertage beider Länder machen den Fehler" },
        context: { fr: "Les plus grosses erreurs tombaient les jours fériés d'un seul des deux pays.", de: "Die größten Fehler fielen auf Feiertage, die nur in einem der beiden Länder galten." },
        whatWorked: { fr: "Un calendrier commun des jours fériés et congés scolaires, comme variable du modèle.", de: "Ein gemeinsamer Kalender der Feiertage und Schulferien als Variable des Modells." },
        whatDidNot: { fr: "Traiter ces jours comme des données aberrantes.", de: "Diese Tage als Ausreißer zu behandeln." },
        recommendation: {
          fr: "Intégrer dès le départ les calendriers des deux pays dans tout modèle de prévision transfrontalier.",
          de: "Die Kalender beider Länder von Anfang an in jedes grenzüberschreitende Prognosemodell aufnehmen.",
        },
      },
    ],
    path: [
      { to: "running" },
      {
        to: "evaluated",
        evaluation: {
          fr: "L'erreur moyenne est passée de 22 % à 12,5 % à Bruxelles et de 19 % à 11,2 % au Luxembourg. Les deux administrations gardent le calendrier commun.",
          nl: "De gemiddelde fout daalde van 22 % naar 12,5 % in Brussel en van 19 % naar 11,2 % in Luxemburg. Beide administraties houden de gemeenschappelijke kalender aan.",
        },
      },
    ],
  },
  {
    lead: "be-health-insurance",
    partners: ["lu-health"],
    systems: ["be-health-billing-anomaly-detection"],
    contacts: ["Sofie Peeters"],
    input: {
      title: texts({ nl: "Gedeelde detectie van factuuranomalieën", fr: "Détection partagée d'anomalies de facturation" }),
      summary: texts({
        nl: "Het Belgische ziekenfonds stelt zijn model voor factuuranomalieën open voor een Luxemburgse test op eigen gegevens.",
        fr: "La mutualité belge ouvre son modèle de détection d'anomalies de facturation à un test luxembourgeois sur ses propres données.",
      }),
      sector: "health",
      tags: ["facturation", "fraude", "patients"],
      frame: frame({
        scope: { nl: "Facturen van zorgverleners; het model signaleert, een controleur beslist." },
        population: { nl: "Facturen van zorgverleners van 2025." },
        dataSharingBasis: { nl: "Het model reist, de gegevens niet: elk land draait het op zijn eigen gegevens." },
        safeguards: { nl: "Geen sanctie zonder menselijke controle; bias-audit per regio vóór de start." },
        exitCriteria: { nl: "Stopzetting als meer dan 30 % van de signalen onterecht blijkt." },
        supervisingAuthority: "Gegevensbeschermingsautoriteit",
      }),
      startsOn: "2026-09-01",
      endsOn: "2027-06-30",
      sharing: "partners",
    },
    milestones: [{ title: { nl: "Bias-audit vóór de start", fr: "Audit de biais avant le démarrage" }, dueOn: "2026-10-31" }],
    indicators: [
      {
        name: { nl: "Terechte signalen", fr: "Signalements confirmés" },
        unit: "%",
        direction: "increase",
        targets: { BE: { baseline: 55, target: 70 }, LU: { baseline: 50, target: 70 } },
        measurements: { BE: [["2026-10-31", 57]] },
      },
    ],
    lessons: [],
    path: [],
  },
  {
    lead: "lu-roads",
    partners: ["be-brussels-mobility"],
    systems: ["lu-adaptive-traffic-lights"],
    contacts: [],
    input: {
      title: texts({ fr: "Feux adaptatifs aux passages frontaliers", en: "Adaptive traffic lights at border crossings" }),
      summary: texts({
        fr: "Étendre les feux adaptatifs luxembourgeois à deux carrefours proches de la frontière belge.",
        en: "Extend Luxembourg's adaptive traffic lights to two crossings near the Belgian border.",
      }),
      sector: "transport",
      tags: ["feux", "trafic", "frontaliers"],
      frame: frame({
        scope: { fr: "Deux carrefours ; les feux piétons restent fixes.", en: "Two crossings; pedestrian lights stay fixed." },
        population: { fr: "Usagers des deux carrefours.", en: "Users of the two crossings." },
        dataSharingBasis: { fr: "Comptages anonymes des boucles de détection.", en: "Anonymous counts from induction loops." },
        safeguards: { fr: "Retour au cycle fixe en cas de panne.", en: "Back to the fixed cycle on failure." },
        exitCriteria: { fr: "Arrêt si le temps de traversée des piétons augmente.", en: "Stop if pedestrians' crossing time grows." },
        supervisingAuthority: "Ministère de la Mobilité et des Travaux publics",
      }),
      startsOn: "2026-04-01",
      endsOn: "2026-12-31",
      sharing: "public",
    },
    milestones: [],
    indicators: [],
    lessons: [],
    path: [
      {
        to: "stopped",
        reason: {
          fr: "Les carrefours retenus seront réaménagés en 2027 ; le test reprendra après les travaux.",
          en: "The chosen crossings will be rebuilt in 2027; the test will resume after the works.",
        },
      },
    ],
  },
];

export async function loadDemoPilots(services: Services, actor: Actor): Promise<void> {
  const { pilots, exchange } = services;
  if ((await pilots.listPilots(actor, { offset: 0, limit: 1 })).total > 0) return;
  const members = await exchange.listMembers(actor);
  const memberId = (name: string) => members.find((m) => m.displayName === name)?.id;
  for (const demo of demoPilots) {
    const pilot = await pilots.createPilot(actor, demo.lead, {
      ...demo.input,
      participants: [...demo.partners.map((organisationId) => ({ organisationId, role: "partner" })), ...(demo.observers ?? []).map((organisationId) => ({ organisationId, role: "observer" }))],
      systems: demo.systems,
      contacts: demo.contacts.map(memberId).filter(Boolean),
    });
    for (const milestone of demo.milestones) await pilots.saveMilestone(actor, pilot.id, null, { title: texts(milestone.title), dueOn: milestone.dueOn, doneOn: milestone.doneOn });
    // A stopped proposal never got approved; every other demo pilot did.
    if (demo.path[0]?.to !== "stopped") await pilots.changeState(actor, pilot.id, { to: "approved" });
    for (const indicator of demo.indicators) {
      const saved = await pilots.saveIndicator(actor, pilot.id, null, { name: texts(indicator.name), unit: indicator.unit, direction: indicator.direction, targets: indicator.targets });
      for (const [country, points] of Object.entries(indicator.measurements) as Array<[string, Array<[string, number]>]>) {
        const organisationId = [demo.lead, ...demo.partners].find((id) => id.startsWith(country.toLowerCase()))!;
        for (const [measuredOn, value] of points) await pilots.recordMeasurement(actor, pilot.id, { indicatorId: saved.id, measuredOn, value, organisationId });
      }
    }
    for (const step of demo.path.filter((s) => s.to !== "evaluated")) {
      await pilots.changeState(actor, pilot.id, { to: step.to, reason: step.reason && texts(step.reason) });
    }
    for (const { title, context, whatWorked, whatDidNot, recommendation, ...rest } of demo.lessons) {
      await pilots.saveLesson(actor, pilot.id, null, {
        ...rest,
        title: texts(title),
        context: texts(context),
        whatWorked: texts(whatWorked),
        whatDidNot: texts(whatDidNot),
        recommendation: texts(recommendation),
      });
    }
    const evaluation = demo.path.find((s) => s.to === "evaluated")?.evaluation;
    if (evaluation) await pilots.changeState(actor, pilot.id, { to: "evaluated", evaluation: texts(evaluation) });
  }
}

import type { FamilyLetterFacts, FamilyLetterWording } from './family-letter-wording';

/*
 * Written for Spanish-speaking families in the U.S., most of them of Mexican and Central American
 * origin: neutral Latin American Spanish, "usted", short sentences, everyday words ("carro",
 * "lentes", "sala de emergencias", "expediente médico") over Spain's or a dictionary's. Nothing here
 * may guess a person's gender, because the case records none: no "el/la paciente", no
 * "trasladado/a", no "el Dr." (Spanish needs an article before a title, and the article has a gender).
 */

const MONTHS = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];

/** "30 de noviembre de 2026": by hand, so the letter does not depend on the runtime's ICU data. */
function longDate(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  return `${day} de ${MONTHS[month - 1]} de ${year}`;
}

const TITLE = /^(?:dr|dra|doctor|doctora)\.?\s+/i;

/**
 * A person's name without the doctor's title, and whether it had one: "Dr. Alan Reyes" cannot stand
 * in a Spanish sentence without "el" or "la", so the sentence names the role in a neutral way.
 */
function person(name: string): { name: string; doctor: boolean } {
  const bare = name.replace(TITLE, '').trim();
  return bare && bare !== name.trim() ? { name: bare, doctor: true } : { name: name.trim(), doctor: false };
}

const WHEN: Record<FamilyLetterFacts['urgency'], string> = {
  emergent: 'El traslado tiene que ser hoy mismo.',
  urgent: 'El traslado debe ser en uno o dos días.',
  elective: 'Hay tiempo para planearlo. Lo más probable es que sea en los próximos días.',
};

const TRAVEL: Record<NonNullable<FamilyLetterFacts['transportMode']>, string> = {
  critical_care: 'una ambulancia con un equipo de cuidados intensivos',
  als: 'una ambulancia con paramédicos',
  bls: 'una ambulancia',
  private: 'carro, con la familia',
};

const NOT_TO_BLAME = 'No es porque alguien de aquí haya hecho algo mal. Ningún hospital puede dar todo tipo de atención.';

/** Plain Spanish for families, "bastante fácil" or easier on the INFLESZ scale (tested). */
export const FAMILY_LETTER_ES: FamilyLetterWording = {
  language: 'es',
  longDate,
  // "Estimada" agrees with "familia", not with a person, so it never guesses anyone's gender.
  salutation: (f) => (f.minor ? (f.guardianName ? `Hola, ${f.guardianName}:` : `Estimada familia de ${f.patient}:`) : `Estimada familia de ${f.patientFullName}:`),
  closing: 'Un saludo cordial,',
  aboutSps: (f) =>
    `Le escribimos sobre la atención médica de ${f.patient}. El síndrome de la persona rígida es una enfermedad poco común del cerebro y de la médula espinal. Pone los músculos tensos y duros. También puede causar espasmos que duelen y que llegan de repente.`,
  headings: {
    advice: 'Nuestro consejo',
    whyMove: 'Por qué sugerimos un cambio de hospital',
    offers: (name) => `Lo que ofrece ${name}`,
    next: 'Qué va a pasar ahora',
    bring: 'Qué debe llevar',
    pump: 'Señales de un problema con la bomba',
    cost: 'Seguro médico y costos',
    rights: 'Usted decide',
    contact: 'A quién llamar',
    languageHelp: 'Ayuda gratis con el idioma',
  },
  stay: (f, outpatient) =>
    `${outpatient ? `Por ahora, ${f.patient} puede recibir atención en nuestra clínica, sin quedarse en el hospital.` : `Por ahora, ${f.patient} puede recibir aquí la atención que necesita.`} No hace falta ir a otro hospital. Vamos a seguir revisando cómo va todo. Si algo cambia, le avisaremos.`,
  referral: (f) =>
    `${f.patient} no necesita quedarse en el hospital. Queremos que reciba parte de su tratamiento en ${f.receivingName ?? 'otro centro médico'}. Será solo una visita, y ${f.patient} volverá a casa el mismo día. ${NOT_TO_BLAME}`,
  advice: (f, recommended) =>
    recommended
      ? `Nuestro equipo cree que ${f.patient} debe pasar a ${f.receivingName ?? 'un centro médico más grande'} para la siguiente etapa de su atención.`
      : `Nuestro equipo cree que, en este momento, ${f.receivingName ?? 'un centro médico más grande'} podría darle a ${f.patient} la mejor atención.`,
  noBlame: `${NOT_TO_BLAME} Hasta los grandes hospitales de la ciudad envían a algunas personas a centros especiales. Lo importante es recibir la atención correcta en el lugar correcto.`,
  offers: {
    plasmapheresis: 'Recambio de plasma. Este tratamiento limpia la sangre. Le quita los anticuerpos que atacan los nervios.',
    ivig: 'IVIG (inmunoglobulina). Son anticuerpos de donantes que se dan por la vena, como un suero. Pueden calmar las defensas del cuerpo.',
    rehab_therapy: 'Terapia física y terapia ocupacional con expertos. Ayudan a moverse, a mantener el equilibrio y a hacer las tareas de cada día.',
    psychiatry: 'Médicos que ayudan con la preocupación y el ánimo bajo. Conocen bien las enfermedades que duran mucho tiempo.',
    neuro_icu: 'Una unidad de cuidados intensivos con un equipo experto en el cerebro y los nervios. Es para problemas graves que llegan de repente.',
    rehab_center: 'Un centro de rehabilitación que recibe a personas con enfermedades poco comunes. Es para las semanas después de salir del hospital.',
  },
  throughPartner: ' Lo ofrecen junto con otro hospital, no en su propio edificio.',
  checkBeforeMove: (name) => `Antes del traslado, vamos a confirmar que ${name} todavía ofrece esto.`,
  next: (f) => {
    if (!f.receivingName) return `Todavía estamos buscando el mejor hospital para ${f.patient}. Le avisaremos en cuanto lo sepamos. Luego vamos a planear un viaje seguro hasta allá.`;
    const accepted = f.acceptedBy
      ? `${person(f.acceptedBy.physician).name}, del equipo médico de ${f.receivingName}, aceptó hacerse cargo de la atención de ${f.patient}.`
      : `Vamos a llamar al equipo de ${f.receivingName} y a enviar el expediente médico de ${f.patient}. Un médico de allá tiene que aceptar hacerse cargo de su atención.`;
    const travel = f.transportMode ? ` ${f.patient} va a viajar en ${TRAVEL[f.transportMode]}.` : ' Luego vamos a planear un viaje seguro hasta allá.';
    return `${accepted}${travel} ${WHEN[f.urgency]} Le iremos contando cada paso.`;
  },
  bring: (f) => [
    `Una lista de todas las medicinas de ${f.patient}, con la dosis y la hora de cada una.`,
    ...(f.hasPump ? ['La tarjeta de la bomba de baclofeno. También el nombre y el teléfono de la clínica de la bomba.'] : []),
    'Las tarjetas del seguro médico y una identificación con foto.',
    'Lentes, aparatos para oír, el celular y su cargador.',
    'Los nombres y teléfonos de la familia y de los otros médicos.',
  ],
  // The same warning signs as the English letter, from the intrathecal baclofen labeling (CLINICAL_REFERENCES.intrathecalBaclofenLabeling).
  pumpWarnings: [
    'Suena la alarma de la bomba.',
    'La rigidez o los espasmos empeoran mucho.',
    'Picazón, fiebre, sudor o latidos muy rápidos del corazón.',
    'Confusión, o mucho sueño.',
    'Si nota alguna de estas señales, llame al 911 o vaya a la sala de emergencias más cercana. Avise que la persona tiene una bomba de baclofeno.',
  ],
  cost: (f) =>
    `Le estamos pidiendo a ${f.insurer || 'su seguro médico'} que apruebe el traslado. Si tiene preguntas sobre el costo, llame a su seguro médico o a nuestra oficina de facturación.${f.urgency === 'emergent' ? ' En una emergencia, nunca esperamos al seguro para hacer el traslado.' : ''}`,
  rights: () =>
    'Puede hacernos preguntas en cualquier momento. También puede decir que no al traslado. Si dice que no, vamos a seguir cuidando aquí a su familiar. Además, vamos a hablar con usted sobre los riesgos.',
  contact: (f) => {
    const contact = person(f.contactName);
    const whom = contact.doctor ? `a su médico, ${contact.name},` : `a ${contact.name}`;
    return `¿Tiene preguntas? Llame ${whom} al ${f.contactPhone}.${f.hospitalPhone ? ` También puede llamar al hospital al ${f.hospitalPhone}.` : ''} Todas las preguntas son importantes.`;
  },
};

import { capabilityName } from '../../../../shared/capability-judgement';
import { referenceShort } from '../../../../shared/clinical-sources';
import { CAPABILITY_IDS } from '../../../../shared/questionnaire';
import { CLINICAL_FLAG_LABELS, CLINICAL_FLAGS, URGENCY_LABELS, type ClinicalFlag, type Urgency } from '../../../../shared/transfer-case';
import { caseRuleStatements, deriveUrgency, type CaseRuleStatement } from '../../../../shared/transfer-rules';

interface UrgencyRuleRow {
  when: string;
  urgency: Urgency;
  text: string;
}

/** What makes a case urgent or emergent: each trigger on its own, in the words the case shows. */
function urgencyRules(): UrgencyRuleRow[] {
  const triggers: { when: string; stage: 'acute' | 'progressive'; flags: ClinicalFlag[] }[] = [
    { when: 'Acute stage', stage: 'acute', flags: [] },
    ...CLINICAL_FLAGS.map((flag) => ({ when: CLINICAL_FLAG_LABELS[flag], stage: 'progressive' as const, flags: [flag] })),
  ];
  return triggers.flatMap(({ when, stage, flags }) => {
    const urgency = deriveUrgency({ stage, flags, urgencyOverride: null });
    return urgency.derived === 'elective' ? [] : [{ when, urgency: urgency.derived, text: urgency.reasons.join(' ') }];
  });
}

const sourcesOf = (statement: CaseRuleStatement) => statement.sources.map(referenceShort).join('; ');

export function CaseRules() {
  // The rules' own sentences, as the rules module states them, so this page cannot drift from what a case shows.
  const statements = caseRuleStatements();
  const needs = statements.filter((statement) => statement.kind === 'need');
  const alerts = statements.filter((statement) => statement.kind === 'alert');
  const byCapability = CAPABILITY_IDS.map((capabilityId) => ({
    capabilityId,
    rules: needs.filter((statement) => statement.subject === capabilityId),
  })).filter((group) => group.rules.length > 0);

  return (
    <section className="card" aria-labelledby="case-rules-heading">
      <h2 id="case-rules-heading">How a case is judged</h2>
      <p>
        From the stage, the antibodies and the flags recorded on a case, these rules decide which of the six capabilities the patient
        needs and which alerts the physician sees. Each sentence is shown on the case exactly as written here, with its source. The
        physician can add or remove a need, with a reason that is kept with the case.
      </p>
      <h3>What the patient needs</h3>
      <table className="table table--inset rules-table">
        <caption className="visually-hidden">Need rules</caption>
        <thead>
          <tr>
            <th scope="col">The patient needs</th>
            <th scope="col">When the case shows</th>
          </tr>
        </thead>
        <tbody>
          {byCapability.map(({ capabilityId, rules }) => (
            <tr key={capabilityId}>
              <th scope="row">{capabilityName(capabilityId)}</th>
              <td>
                <ul className="rule-list">
                  {rules.map((rule) => (
                    <li key={rule.text}>
                      {rule.text} <span className="source-note">Source: {sourcesOf(rule)}.</span>
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Alerts</h3>
      <p>Shown at the top of a case when what it records calls for them.</p>
      <ul className="rule-list rule-list--alerts">
        {alerts.map((alert) => (
          <li key={alert.text}>
            {alert.text} <span className="source-note">Source: {sourcesOf(alert)}.</span>
          </li>
        ))}
      </ul>
      <h3>Urgency</h3>
      <p>
        A case with none of these is elective. The physician may set the urgency with a reason, but not to elective while an acute
        stage or a life-threatening flag is recorded.
      </p>
      <table className="table table--inset rules-table">
        <caption className="visually-hidden">Urgency rules</caption>
        <thead>
          <tr>
            <th scope="col">When the case records</th>
            <th scope="col">Urgency</th>
            <th scope="col">As the case shows it</th>
          </tr>
        </thead>
        <tbody>
          {urgencyRules().map((rule) => (
            <tr key={rule.when}>
              <th scope="row">{rule.when}</th>
              <td>{URGENCY_LABELS[rule.urgency]}</td>
              <td>{rule.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

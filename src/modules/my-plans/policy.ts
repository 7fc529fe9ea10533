// Who may do what on the person's own pages (issue 26, decision 0022). Whose SIP it is, and that the person is
// an adult, is the access layer's question (platform/access/person-self.ts, with the SIP module's self rule):
// another person's SIP is 404 before anything here is asked. What the person may change on their own SIP is
// answered here, for the pages and the forms alike; the SIP module checks it again when it changes the consent.

type PlanStanding = {
  open: boolean;
  consent: { inForce: boolean; principals: { id: string; name: string; convening: boolean }[] } | null;
};

/** The person changes their consent only while it is in force and the plan is open. */
export const mayChangeConsent = (plan: PlanStanding): boolean => plan.open && plan.consent?.inForce === true;

/**
 * The principals the person may take out one at a time: every one the consent covers but the convening one,
 * which is taken out only by withdrawing the whole consent (sip/change-consent.ts).
 */
export const withdrawablePrincipals = (plan: PlanStanding) =>
  (plan.consent?.principals ?? []).filter((p) => !p.convening);

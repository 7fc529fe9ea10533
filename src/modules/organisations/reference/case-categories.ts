import type { CaseKind } from '../schema.ts';

/**
 * The categories every county starts with; its administrator may add, rename or retire them later. Deviation
 * categories name what was not followed (the seeds' examples); dispute categories name what the parties
 * disagree on (Värmland "Tvister": interpretation, cost and responsibility in an individual case).
 */
export const referenceCaseCategories: Record<CaseKind, { key: string; label: string }[]> = {
  deviation: [
    { key: 'unansweredInvitation', label: 'Kallelse till SIP besvarades inte' },
    { key: 'dischargeInformation', label: 'Information överfördes inte vid utskrivning' },
    { key: 'unclearResponsibility', label: 'Oklart ansvar' },
    { key: 'sipNotHeld', label: 'SIP genomfördes inte' },
    { key: 'agreementNotFollowed', label: 'Överenskommelsen följdes inte' },
    { key: 'other', label: 'Övrigt' },
  ],
  dispute: [
    { key: 'interpretation', label: 'Tolkning av överenskommelsen' },
    { key: 'costSharing', label: 'Kostnadsfördelning' },
    { key: 'responsibility', label: 'Ansvar för insats' },
    { key: 'placement', label: 'Placering utanför det egna hemmet' },
    { key: 'housing', label: 'Boende och boendestöd' },
    { key: 'occupation', label: 'Sysselsättning' },
    { key: 'homeHealthCare', label: 'Hälso- och sjukvård i hemmet' },
    { key: 'assistiveDevices', label: 'Hjälpmedel' },
    { key: 'other', label: 'Övrigt' },
  ],
};

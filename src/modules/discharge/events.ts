import { eventTypes } from '../../platform/events/record-event.ts';

// The discharge module's domain events: ids, codes and dates only, never names or text about the person.
export type DischargeEvents = {
  'discharge.admissionNotified': {
    stayId: string;
    unitCount: number;
    municipalityPrincipalId: string;
    noticeLate: boolean;
  };
  'discharge.acknowledged': { stayId: string; unitId: string; kind: string };
  'discharge.expectedDateChanged': { stayId: string; expectedReadyOn: string };
  'discharge.preparationRecorded': { stayId: string; unitId: string };
  'discharge.readyNotified': { stayId: string; readinessId: string; judgedOn: string };
  'discharge.readyRevoked': { stayId: string; readinessId: string };
  'discharge.sipCalled': { stayId: string; sipId: string; late: boolean };
  'discharge.discharged': { stayId: string; dischargedOn: string; informationOnTime: boolean };
  'discharge.dayDisputed': { stayId: string; day: string; disputeId: string };
  'discharge.ruleAdded': { ruleId: string; validFrom: string };
};

declare module '../../platform/events/record-event.ts' {
  interface EventCatalogue extends DischargeEvents {}
}

export const dischargeEventTypes = eventTypes<DischargeEvents>({
  'discharge.admissionNotified': true,
  'discharge.acknowledged': true,
  'discharge.expectedDateChanged': true,
  'discharge.preparationRecorded': true,
  'discharge.readyNotified': true,
  'discharge.readyRevoked': true,
  'discharge.sipCalled': true,
  'discharge.discharged': true,
  'discharge.dayDisputed': true,
  'discharge.ruleAdded': true,
});

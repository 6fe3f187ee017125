import type { ContractDetail } from './queries';
import type { ContractFormValues } from './components/contract-form';
import { DEFAULT_OUR_PARTY } from './legacy-constants';

export const EMPTY_CONTRACT_FORM: ContractFormValues = {
  contractNo: '',
  name: '',
  contractType: '',
  ourParty: DEFAULT_OUR_PARTY,
  counterparty: '',
  counterpartyCreditCode: '',
  amount: '',
  signedOn: '',
  startOn: '',
  endOn: '',
  projectId: '',
  partyId: '',
  parcelIds: [],
  workPackageIds: [],
  note: '',
};

export function toContractFormValues(d: ContractDetail): ContractFormValues {
  return {
    contractNo: d.contractNo,
    name: d.name,
    contractType: d.contractType,
    ourParty: d.ourParty,
    counterparty: d.counterparty,
    counterpartyCreditCode: d.counterpartyCreditCode ?? '',
    amount: d.amount,
    signedOn: d.signedOn ?? '',
    startOn: d.startOn ?? '',
    endOn: d.endOn ?? '',
    projectId: d.projectId ?? '',
    partyId: d.partyId ?? '',
    parcelIds: d.parcels.map((p) => p.id),
    workPackageIds: d.workPackages.map((w) => w.id),
    note: d.note ?? '',
  };
}

/**
 * AidData GCDF 3.0 vocabularies mapped to the IATI codes Beltroad uses. The
 * originals are always kept beside the mapped code (`Project.aiddata`).
 */

/** AidData Status → IATI ActivityStatus. "Completion" is physically complete: Closed (4). */
export const STATUS: Readonly<Record<string, string>> = {
  "Pipeline: Pledge": "1",
  "Pipeline: Commitment": "1",
  Implementation: "2",
  Completion: "4",
  Cancelled: "5",
  Suspended: "6",
};

/** AidData Flow Class → IATI FlowType: ODA-like → 10 ODA. OOF-like and "Vague" have no active IATI code (20 OOF is withdrawn). */
export const FLOW_CLASS: Readonly<Record<string, string>> = { "ODA-like": "10" };

/** AidData Flow Type → IATI FinanceType (110 standard grant, 421 standard loan, 510 common equity, 618 debt forgiveness). */
export const FLOW_TYPE: Readonly<Record<string, string>> = {
  Grant: "110",
  "Free-standing technical assistance": "110",
  "Scholarships/training in the donor country": "110",
  Loan: "421",
  "Export buyer's credit": "421",
  "Export Buyer's Credit": "421",
  "Supplier's credit/export seller's credit": "421",
  "Debt forgiveness": "618",
  "Equity investment": "510",
};

/** The agency columns of a row and the role each names (`Funding Agencies` → funding). */
export const AGENCY_COLUMNS = [
  { names: "Funding Agencies", types: "Funding Agencies Type", role: "funding", iatiRole: "1" },
  { names: "Co-financing Agencies", types: "Co-financing Agencies Type", role: "co-financing", iatiRole: "1" },
  { names: "Implementing Agencies", types: "Implementing Agencies Type", role: "implementing", iatiRole: "4" },
  { names: "Direct Receiving Agencies", types: "Direct Receiving Agencies Type", role: "direct-receiving" },
  { names: "Indirect Receiving Agencies", types: "Indirect Receiving Agencies Type", role: "indirect-receiving" },
  { names: "Guarantor", types: "Guarantor Agency Type", role: "guarantor" },
  { names: "Insurance Provider", types: "Insurance Provider Agency Type", role: "insurer" },
  { names: "Collateral Provider", types: "Collateral Provider Agency Type", role: "collateral-provider" },
  { names: "Security Agent/Collateral Agent", types: "Security Agent/Collateral Agent Type", role: "security-agent" },
] as const;

/** Loan-term columns → `loanTerms` fields. */
export const LOAN_COLUMNS = {
  Maturity: "maturityYears",
  "Interest Rate": "interestRate",
  "Grace Period": "gracePeriodYears",
  "Management Fee": "managementFee",
  "Commitment Fee": "commitmentFee",
  "Insurance Fee (Percent)": "insuranceFeePercent",
  "Insurance Fee (Nominal USD)": "insuranceFeeUsd",
  "Default Interest Rate": "defaultInterestRate",
} as const;

/** Amount columns → `aiddata.amounts` keys. */
export const AMOUNT_COLUMNS = {
  "Amount (Original Currency)": "original",
  "Amount (Constant USD 2021)": "constantUsd2021",
  "Amount (Nominal USD)": "nominalUsd",
  "Adjusted Amount (Original Currency)": "adjustedOriginal",
  "Adjusted Amount (Constant USD 2021)": "adjustedConstantUsd2021",
  "Adjusted Amount (Nominal USD)": "adjustedNominalUsd",
} as const;

/** The migration that created the contracts tables; the migrate job links legacy records in the same run. */
export const CONTRACTS_MIGRATION = '0023_contracts';

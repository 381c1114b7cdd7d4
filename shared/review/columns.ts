/** The columns of the figures, in order (the page, the print and the exports): a plain list, so that the web takes it without the dictionaries. */
export const COUNT_COLUMNS = ['received', 'due', 'onTime', 'late', 'overdue', 'onTimeRate', 'resolved', 'resolvedRate', 'rated', 'satisfied', 'satisfactionRate', 'reopened'] as const;

// The member reports and the comparison of members are drawn from other modules' data: no tables of their own.
export {};

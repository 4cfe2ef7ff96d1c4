// The stated bounds where bit-exactness with torch is impossible (docs/torch.md, "What is verified,
// op by op"): trunc_normal_ and the DEFAULT build's normal_ call libm (not correctly rounded,
// different per C library), orthogonal's QR is ours, not LAPACK's.
export const BOUNDS = { ulp: 16, abs: 2e-5 };

/**
 * The equations of the DLN theory, written once in nerdamer syntax with their references (the
 * paper's sections; digest `nishiyama-imaizumi-2025.md` sections in brackets, since the paper's
 * body was not available and the forms were derived for Plateau). Expectations over the effective
 * coordinate appear as named symbols (e.g. `Edof` = E[D/(D + γ)]) because nerdamer has no
 * expectation operator.
 */
import type { EquationSpec, SymbolSpec } from '../../src/core/theory.ts';

export const dlnSymbols: Readonly<Record<string, SymbolSpec>> = {
  t: { latex: 't', unicode: 't', description: 'time, rescaled by d (du/dt = −d·∂L/∂u)' },
  u: { latex: 'u', unicode: 'u', description: 'first factor of one coordinate, u(0) = α' },
  v: { latex: 'v', unicode: 'v', description: 'second factor of one coordinate, v(0) = α' },
  w: { latex: 'w', unicode: 'w', description: 'network weight w = (u² − v²)/2 of one coordinate' },
  g: { latex: 'g', unicode: 'g', description: 'd times minus the data gradient in w: g = (1/δ)Xᵀ(y − Xw)' },
  G: { latex: 'G', unicode: 'G', description: 'integrated gradient G = ∫₀ᵗ g' },
  A: { latex: 'A', unicode: 'A', description: 'preconditioner ∂w/∂G = u² + v²' },
  psi: { latex: '\\psi_\\alpha', unicode: 'ψ_α', description: 'implicit-bias potential (hyperbolic entropy)' },
  psistar: { latex: '\\psi^*_\\alpha', unicode: 'ψ*_α', description: 'convex conjugate of ψ_α' },
  x: { latex: 'x', unicode: 'x', description: 'effective observation W* + sZ of one coordinate' },
  b: { latex: 'b', unicode: 'b', description: 'prox of x: the fixed-point weight of one coordinate' },
  D: { latex: 'D', unicode: 'D', description: 'preconditioner at the fixed point, 2√(b² + α⁴)' },
  gamma: { latex: '\\gamma', unicode: 'γ', description: 'prox scale (dual variable of the interpolation constraint)' },
  s: { latex: 's', unicode: 's', description: 'effective noise level of the scalar channel x = W* + sZ' },
  theta: { latex: '\\theta', unicode: 'θ', description: 'soft threshold (α → 0 and LASSO limits)' },
  Edof: { latex: '\\mathbb{E}\\!\\left[\\tfrac{D}{D+\\gamma}\\right]', unicode: 'E[D/(D+γ)]', description: 'fraction of free coordinates' },
  Egen: { latex: 'E_{\\mathrm{gen}}', unicode: 'E_gen', description: 'test error ‖w − w*‖²/d' },
  Etrain: { latex: 'E_{\\mathrm{train}}', unicode: 'E_train', description: 'train error ‖y − Xw‖²/(2n)' },
  Eslope: { latex: '\\mathbb{E}[\\eta_\\theta\']', unicode: 'E[η′_θ]', description: 'P(|W* + sZ| > θ), the active fraction' },
  Ebulk: { latex: '\\mathbb{E}\\!\\left[\\tfrac{D}{1+Dm}\\right]', unicode: 'E[D/(1+Dm)]', description: 'Stieltjes-type moment of the law of D' },
  m: { latex: 'm', unicode: 'm', description: 'spectral variable of the Silverstein relation' },
  z: { latex: 'z', unicode: 'z', description: 'z(m), whose maximum over m > 0 is the spectral edge' },
  mu: { latex: '\\mu_{\\min}', unicode: 'μ_min', description: 'lower spectral edge: the convergence rate' },
  C: { latex: 'C', unicode: 'C', description: 'prefactor of the loss decay' },
  tlazy: { latex: 't_{\\mathrm{lazy}}', unicode: 't_lazy', description: 'relaxation time of the lazy phase' },
  tgrok: { latex: 't_{\\mathrm{grok}}', unicode: 't_grok', description: 'time of the late drop with weight decay (grokking)' },
  tsearch: { latex: 't_{\\mathrm{search}}', unicode: 't_search', description: 'time at which a coordinate activates from a small start' },
  g0: { latex: 'g_0', unicode: 'g₀', description: 'the frozen initial gradient g(0) of a coordinate' },
  q: { latex: 'q', unicode: 'q', description: 'DMFT field on one coordinate, q = ζ − δΣM Δ' },
  zeta: { latex: '\\zeta', unicode: 'ζ', description: 'Gaussian field, ζ ~ GP(0, δC_r)' },
  M: { latex: 'M', unicode: 'M', description: 'causal resolvent M = (I + R_Δ)⁻¹ of the error response' },
  Mem: { latex: '(M\\Delta)', unicode: '(MΔ)', description: 'causal memory Σ_{j≤k} M[k,j]Δ_j of the errors Δ = w − W*' },
  Cr: { latex: 'C_r', unicode: 'C_r', description: 'residual correlation C_r = M(σ²𝟙𝟙ᵀ + C_Δ)Mᵀ' },
  Cdelta: { latex: 'C_\\Delta', unicode: 'C_Δ', description: 'error correlation E[Δ(t)Δ(s)]' },
};

export const dlnEquations: Readonly<Record<string, EquationSpec>> = {
  flowU: { ref: 'Sec. 2 [§2]', title: 'gradient flow of the first factor', equation: 'diff(u,t) = (g - lambda)*u', kind: 'ode' },
  flowV: { ref: 'Sec. 2 [§2]', title: 'gradient flow of the second factor', equation: 'diff(v,t) = -(g + lambda)*v', kind: 'ode' },
  weight: { ref: 'Sec. 2 [§2]', title: 'diagonal network weight', equation: 'w = (u^2 - v^2)/2', kind: 'closed-form' },
  integratedGradient: { ref: 'Sec. 3 [§3]', title: 'integrated gradient', equation: 'diff(G,t) = g', kind: 'ode' },
  coordinateMap: { ref: 'Sec. 3 [§3]', title: 'exact coordinate map w = F(G, t)', equation: 'w = alpha^2*e^(-2*lambda*t)*sinh(2*G)', kind: 'closed-form' },
  preconditioner: { ref: 'Sec. 3 [§3]', title: 'preconditioner A = ∂F/∂G', equation: 'A = 2*alpha^2*e^(-2*lambda*t)*cosh(2*G)', kind: 'closed-form' },
  potential: { ref: 'Sec. 5 [§3]', title: 'implicit-bias potential (hyperbolic entropy)', equation: 'psi = (1/2)*(w*asinh(w/alpha^2) - sqrt(w^2 + alpha^4) + alpha^2)', kind: 'energy' },
  conjugate: { ref: 'Sec. 5 [§3]', title: 'its convex conjugate (mirror map ∂ψ*/∂G = w)', equation: 'psistar = (alpha^2/2)*(cosh(2*G) - 1)', kind: 'closed-form' },
  prox: { ref: 'Sec. 5 [§6.2]', title: 'proximal map b = prox_{γψ_α}(x)', equation: 'b + (gamma/2)*asinh(b/alpha^2) = x', kind: 'relation' },
  proxSlope: { ref: 'Sec. 5 [§6.2]', title: 'slope of the prox', equation: 'diff(b,x) = D/(D + gamma)', kind: 'relation', displayOnly: true },
  dof: { ref: 'Sec. 5 [§6.2 (1)]', title: 'degrees of freedom: E[D/(D + γ)] = δ', equation: 'Edof = delta', kind: 'fixed-point', displayOnly: true },
  noise: { ref: 'Sec. 5 [§6.2 (2)]', title: 'effective noise: δs² = σ² + E_gen', equation: 'delta*s^2 = sigma^2 + Egen', kind: 'fixed-point' },
  minNorm: { ref: 'Sec. 5 [§6.3]', title: 'α → ∞: minimum-ℓ2 interpolator', equation: 'Egen = (1 - delta)*rho + delta*sigma^2/(1 - delta)', kind: 'closed-form' },
  basisPursuit: { ref: 'Sec. 5 [§6.4]', title: 'α → 0: basis pursuit, P(|W* + sZ| > θ) = δ', equation: 'Eslope = delta', kind: 'fixed-point', displayOnly: true },
  lasso: { ref: 'Sec. 5 [§6.5]', title: 'λ > 0: LASSO state evolution', equation: 'lambda = theta*(1 - Eslope/delta)', kind: 'fixed-point' },
  silverstein: { ref: 'Sec. 5 [§7]', title: 'Silverstein relation; μ_min = max_m z(m)', equation: 'z = -1/m + Ebulk/delta', kind: 'relation' },
  lazyRate: { ref: 'Sec. 5 [§7]', title: 'lazy edge (D → 2α²)', equation: 'mu = 2*alpha^2*(1 - sqrt(delta))^2/delta', kind: 'closed-form' },
  lossDecay: { ref: 'Sec. 5 [§7]', title: 'train-loss decay', equation: 'Etrain = C*t^(-3/2)*e^(-2*mu*t)', kind: 'closed-form' },
  lazyTime: { ref: 'Sec. 4 [§8.1]', title: 'lazy relaxation time', equation: 'tlazy = delta/(2*alpha^2*(1 - sqrt(delta))^2)', kind: 'closed-form' },
  grokTime: { ref: 'Sec. 4 [§8.2]', title: 'lazy → rich transition with weight decay (α_eff = αe^{−λt} = 1)', equation: 'tgrok = log(alpha)/lambda', kind: 'closed-form' },
  searchTime: { ref: 'Sec. 4 [§8.3]', title: 'activation from a small start (αe^{|g₀|t} = 1)', equation: 'tsearch = log(1/alpha)/g0', kind: 'closed-form' },
  dmftField: { ref: 'Sec. 3 [§4]', title: 'DMFT: field on one coordinate (G_{k+1} = G_k + η_k q_k/δ)', equation: 'q = zeta - delta*Mem', kind: 'relation', displayOnly: true },
  dmftResidual: { ref: 'Sec. 3 [§4]', title: 'DMFT: residual correlation (ζ ~ GP(0, δC_r))', equation: 'Cr = M*(sigma^2 + Cdelta)*M', kind: 'relation', displayOnly: true, note: 'C_r = M(σ²𝟙𝟙ᵀ + C_Δ)Mᵀ with M = (I + R_Δ)⁻¹; E_gen = C_Δ(t,t), E_train = C_r(t,t)/2' },
};

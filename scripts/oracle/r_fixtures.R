# R oracle for the Hadi statistics engine (worker/stats): R's own implementations of the classical tests,
# as an independent check next to the mpmath fixtures of make_fixtures.py.
#
# Run:  Rscript scripts/oracle/r_fixtures.R        (from the repo root; writes test/stats/fixtures/r.json, < 1 s)
#
# jsonlite is not installed on the build machine, so JSON is written by hand with 17 significant digits.
# power.prop.test is called with tol = 1e-11 (its default uniroot tol, 1.2e-4, would blur n).
# Conventions: R's two-sample functions report first − second; we always call them as (treatment, control)
# so every difference already reads treatment − control, as in the engine.

num <- function(x) {
  if (length(x) == 1 && is.na(x)) return("null")
  format(x, digits = 17, scientific = FALSE, trim = TRUE, drop0trailing = TRUE) -> s
  # very small/large numbers: fall back to scientific so the string stays short and exact
  ifelse(abs(x) < 1e-6 & x != 0 | abs(x) >= 1e15, format(x, digits = 17, scientific = TRUE, trim = TRUE), s)
}
arr <- function(x) paste0("[", paste(vapply(x, num, ""), collapse = ","), "]")
obj <- function(...) {
  kv <- list(...)
  paste0("{", paste(sprintf('"%s":%s', names(kv), unlist(kv)), collapse = ","), "}")
}
str <- function(s) paste0('"', s, '"')

# ---- prop.test(correct = FALSE): pooled z-test (X-squared = z^2) and the unpooled Wald interval
prop_cases <- list(c(1000, 100, 1000, 120), c(10, 1, 12, 3), c(500, 10, 500, 0), c(500, 0, 500, 5),
                   c(10000, 500, 10000, 500), c(2000, 300, 2100, 350), c(1e6, 50000, 1e6, 50500),
                   c(1e6, 100000, 1e6, 108600), c(1e7, 5e5, 9e6, 450000), c(20, 20, 20, 15))
prop <- vapply(prop_cases, function(k) {
  r <- suppressWarnings(prop.test(c(k[4], k[2]), c(k[3], k[1]), correct = FALSE, conf.level = 0.95))
  obj(control = obj(units = num(k[1]), conversions = num(k[2])), treatment = obj(units = num(k[3]), conversions = num(k[4])),
      chiSquare = num(unname(r$statistic)), pValue = num(r$p.value), ci95 = arr(as.numeric(r$conf.int)))
}, "")

# ---- power.prop.test: per-arm n (unrounded; the engine rounds up), two-sided
power_cases <- list(c(0.1, 0.1, 0.05, 0.8), c(0.05, 0.2, 0.05, 0.8), c(0.02, 0.05, 0.05, 0.9), c(0.3, -0.1, 0.01, 0.8),
                    c(0.5, 0.02, 0.1, 0.95), c(0.001, 0.5, 0.05, 0.8), c(0.8, 0.1, 0.05, 0.8), c(0.12, 0.033, 0.05, 0.85))
power <- vapply(power_cases, function(k) {
  r <- power.prop.test(p1 = k[1], p2 = k[1] * (1 + k[2]), sig.level = k[3], power = k[4], alternative = "two.sided", tol = 1e-11)
  obj(baselineRate = num(k[1]), relativeMde = num(k[2]), alpha = num(k[3]), power = num(k[4]), n = num(r$n))
}, "")

# ---- t.test(var.equal = FALSE) on raw vectors (written out so the test can summarise them itself)
set.seed(20261123)
t_cases <- list(
  list(control = round(rnorm(30, 10, 2), 3), treatment = round(rnorm(35, 11, 3), 3)),
  list(control = round(rexp(200, 0.2), 3), treatment = round(rexp(180, 0.18), 3)),
  list(control = c(1, 2, 3), treatment = c(2, 4, 9, 11)),
  list(control = round(rnorm(12, 100, 40), 2), treatment = round(rnorm(120, 130, 5), 2)),
  list(control = round(rnorm(60, 10, 1), 4), treatment = round(rnorm(60, 13, 1), 4)))
ttest <- vapply(t_cases, function(k) {
  r <- t.test(k$treatment, k$control, var.equal = FALSE, conf.level = 0.95)
  r90 <- t.test(k$treatment, k$control, var.equal = FALSE, conf.level = 0.90)
  obj(control = arr(k$control), treatment = arr(k$treatment), statistic = num(unname(r$statistic)), df = num(unname(r$parameter)),
      pValue = num(r$p.value), ci95 = arr(as.numeric(r$conf.int)), ci90 = arr(as.numeric(r90$conf.int)))
}, "")

# ---- chisq.test(x, p = ): Pearson goodness of fit against planned weights
chisq_cases <- list(list(c(5100, 4900), c(1, 1)), list(c(1000, 1000, 1200), c(1, 1, 1)), list(c(2100, 5900), c(1, 3)),
                    list(c(10000, 10000, 9000, 10500), c(1, 1, 1, 1)), list(c(100000, 101500), c(50, 50)),
                    list(c(20, 30, 50), c(0.2, 0.3, 0.5)), list(c(1, 0), c(1, 1)), list(c(10, 5000), c(1, 1)))
chisq <- vapply(chisq_cases, function(k) {
  r <- suppressWarnings(chisq.test(k[[1]], p = k[[2]] / sum(k[[2]])))
  obj(observed = arr(k[[1]]), weights = arr(k[[2]]), chiSquare = num(unname(r$statistic)), df = num(unname(r$parameter)), pValue = num(r$p.value))
}, "")

# ---- p.adjust
adj_cases <- list(c(0.01, 0.04, 0.03, 0.005), c(0.5), c(0.04, 0.04, 0.04), c(1e-30, 0.2, 0.049, 0.051, 0.9),
                  c(0.02, 0.02, 0.03, 0.5, 0.001, 0.001), c(0.3, 0.01, 0.2, 0.04))
adjust <- vapply(adj_cases, function(p) obj(p = arr(p), holm = arr(p.adjust(p, "holm")), bh = arr(p.adjust(p, "BH"))), "")

out <- paste0("{\n",
  '"generatedBy": ', str("Rscript scripts/oracle/r_fixtures.R"), ",\n",
  '"rVersion": ', str(R.version.string), ",\n",
  '"propTest": [\n', paste(prop, collapse = ",\n"), "],\n",
  '"powerPropTest": [\n', paste(power, collapse = ",\n"), "],\n",
  '"tTest": [\n', paste(ttest, collapse = ",\n"), "],\n",
  '"chisqTest": [\n', paste(chisq, collapse = ",\n"), "],\n",
  '"pAdjust": [\n', paste(adjust, collapse = ",\n"), "]\n}\n")
writeLines(out, "test/stats/fixtures/r.json")

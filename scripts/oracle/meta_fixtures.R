# R oracle for Hadi's meta-analysis (worker/stats/meta-analysis.ts): metafor::rma, fixed effect ("FE",
# inverse variance) and DerSimonian–Laird random effects ("DL"), Wald-type z intervals and tests (metafor's default).
#
# Run:  Rscript scripts/oracle/meta_fixtures.R     (from the repo root; writes test/stats/fixtures/meta-analysis.json, < 2 s)
# Needs: Debian r-cran-metafor.
#
# Hadi's contract differs from metafor in one place: with a single study Q has 0 degrees of freedom, metafor
# reports QEp = 1 and Hadi answers qPValue = null (there is no heterogeneity test with one study). The
# fixtures record null there so the test states the contract.
suppressPackageStartupMessages(library(metafor))

num <- function(x) {
  if (length(x) == 1 && is.na(x)) return("null")
  s <- format(x, digits = 17, scientific = FALSE, trim = TRUE, drop0trailing = TRUE)
  ifelse(abs(x) < 1e-6 & x != 0 | abs(x) >= 1e15, format(x, digits = 17, scientific = TRUE, trim = TRUE), s)
}
arr <- function(x) paste0("[", paste(vapply(x, num, ""), collapse = ","), "]")
obj <- function(...) {
  kv <- list(...)
  paste0("{", paste(sprintf('"%s":%s', names(kv), unlist(kv)), collapse = ","), "}")
}
str <- function(s) paste0('"', s, '"')
study <- function(y, s) obj(effect = num(y), se = num(s))

set.seed(20261201)
cases <- list(
  # relative lifts of A/B tests: a consistent claim, a contested one, one study, two studies
  list(y = c(0.08, 0.12, 0.05, 0.1), s = c(0.03, 0.05, 0.04, 0.06), level = 0.95),
  list(y = c(0.1, 0.3, -0.05), s = c(0.05, 0.1, 0.08), level = 0.95),
  list(y = c(0.042), s = c(0.017), level = 0.95),
  list(y = c(0.2, -0.1), s = c(0.05, 0.05), level = 0.9),
  # identical effects (Q = 0), very unequal precision, a 99% level, many small studies
  list(y = c(0.05, 0.05, 0.05), s = c(0.01, 0.02, 0.03), level = 0.95),
  list(y = c(0.01, 0.5, 0.02, -0.3), s = c(0.001, 0.4, 0.002, 0.3), level = 0.99),
  list(y = round(rnorm(25, 0.03, 0.05), 5), s = round(runif(25, 0.01, 0.08), 5), level = 0.95),
  list(y = round(rnorm(8, -0.02, 0.2), 5), s = round(runif(8, 0.02, 0.05), 5), level = 0.8),
  # large effects on a log scale and tiny ones
  list(y = c(1.2, 0.8, 1.5), s = c(0.3, 0.25, 0.4), level = 0.95),
  list(y = c(1e-4, 3e-4, -2e-4), s = c(1e-4, 2e-4, 1.5e-4), level = 0.95)
)

run <- function(k, method) {
  r <- rma(yi = k$y, sei = k$s, method = if (method == "fixed") "FE" else "DL", level = 100 * k$level)
  one <- length(k$y) == 1
  obj(method = str(method), level = num(k$level),
      studies = paste0("[", paste(mapply(study, k$y, k$s), collapse = ","), "]"),
      estimate = num(as.numeric(r$beta)), se = num(r$se), ci = arr(c(r$ci.lb, r$ci.ub)), pValue = num(r$pval),
      tau2 = num(r$tau2), i2 = num(r$I2), q = num(r$QE), qPValue = if (one) "null" else num(r$QEp))
}
rows <- c(vapply(cases, run, "", method = "fixed"), vapply(cases, run, "", method = "random"))

out <- paste0("{\n",
  '"generatedBy": ', str("Rscript scripts/oracle/meta_fixtures.R"), ",\n",
  '"rVersion": ', str(R.version.string), ",\n",
  '"metaforVersion": ', str(as.character(packageVersion("metafor"))), ",\n",
  '"cases": [\n', paste(rows, collapse = ",\n"), "]\n}\n")
writeLines(out, "test/stats/fixtures/meta-analysis.json")

package org.llmbench.report;

import org.llmbench.LlmbenchException;

/**
 * What the user asks of a report beyond the results.
 *
 * @param pricePerHour the price in USD per hour of the machine the results were measured on, for
 *                     cost per 1M tokens (null: no cost section)
 * @param whatIf       also apply a few GPU instances' prices to the throughput measured here (a
 *                     what-if only: a GPU's own throughput differs)
 */
public record ReportOptions(Double pricePerHour, boolean whatIf) {
    public static final ReportOptions NONE = new ReportOptions(null, false);

    public ReportOptions {
        if (pricePerHour != null && !(pricePerHour > 0 && Double.isFinite(pricePerHour))) {
            throw new LlmbenchException("--price-per-hour " + pricePerHour + " is invalid; give a positive price in USD per hour, e.g. 1.2.");
        }
    }
}

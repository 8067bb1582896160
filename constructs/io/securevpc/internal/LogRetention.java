package io.securevpc.internal;

import software.amazon.awscdk.services.logs.RetentionDays;

/** Log-retention arithmetic shared by every construct that keeps logs. Not API. */
public final class LogRetention {
    /** The shortest retention the blueprint accepts for security logs: one year. */
    public static final int MIN_DAYS = 365;

    private LogRetention() {
    }

    /** @return the days a retention setting keeps logs; longer settings and INFINITE count as unlimited. */
    public static int days(final RetentionDays retention) {
        return switch (retention) {
            case ONE_DAY -> 1;
            case THREE_DAYS -> 3;
            case FIVE_DAYS -> 5;
            case ONE_WEEK -> 7;
            case TWO_WEEKS -> 14;
            case ONE_MONTH -> 30;
            case TWO_MONTHS -> 60;
            case THREE_MONTHS -> 90;
            case FOUR_MONTHS -> 120;
            case FIVE_MONTHS -> 150;
            case SIX_MONTHS -> 180;
            case ONE_YEAR -> 365;
            case THIRTEEN_MONTHS -> 400;
            case EIGHTEEN_MONTHS -> 545;
            default -> Integer.MAX_VALUE;
        };
    }
}

package org.llmbench.telemetry;

/** nvmlReturn_t codes llmbench tells apart (nvml.h); every other code is reported by number and NVML's own text. */
public final class NvmlStatus {
    public static final int SUCCESS = 0;
    public static final int UNINITIALIZED = 1;
    public static final int INVALID_ARGUMENT = 2;
    public static final int NOT_SUPPORTED = 3;
    public static final int NO_PERMISSION = 4;
    public static final int NOT_FOUND = 6;
    public static final int INSUFFICIENT_SIZE = 7;
    public static final int DRIVER_NOT_LOADED = 9;
    public static final int GPU_IS_LOST = 15;
    public static final int LIBRARY_NOT_FOUND = 12;
    public static final int FUNCTION_NOT_FOUND = 13;
    public static final int ARGUMENT_VERSION_MISMATCH = 25;
    public static final int UNKNOWN = 999;

    private NvmlStatus() {
    }

    /** A short name for a code, e.g. "NOT_SUPPORTED (3)". */
    public static String name(int code) {
        String n = switch (code) {
            case SUCCESS -> "SUCCESS";
            case UNINITIALIZED -> "UNINITIALIZED";
            case INVALID_ARGUMENT -> "INVALID_ARGUMENT";
            case NOT_SUPPORTED -> "NOT_SUPPORTED";
            case NO_PERMISSION -> "NO_PERMISSION";
            case NOT_FOUND -> "NOT_FOUND";
            case INSUFFICIENT_SIZE -> "INSUFFICIENT_SIZE";
            case DRIVER_NOT_LOADED -> "DRIVER_NOT_LOADED";
            case LIBRARY_NOT_FOUND -> "LIBRARY_NOT_FOUND";
            case FUNCTION_NOT_FOUND -> "FUNCTION_NOT_FOUND";
            case GPU_IS_LOST -> "GPU_IS_LOST";
            case ARGUMENT_VERSION_MISMATCH -> "ARGUMENT_VERSION_MISMATCH";
            case UNKNOWN -> "UNKNOWN";
            default -> "ERROR";
        };
        return n + " (" + code + ")";
    }
}

package org.llmbench.telemetry;

/** An NVML call returned an error code; the message names the call and NVML's own text for the code. */
public final class NvmlException extends RuntimeException {
    private final int code;

    public NvmlException(String call, int code, String nvmlText) {
        super(call + " failed: " + NvmlStatus.name(code) + (nvmlText == null || nvmlText.isEmpty() ? "" : " " + nvmlText));
        this.code = code;
    }

    public int code() {
        return code;
    }
}

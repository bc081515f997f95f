/*
 * A stand-in libnvidia-ml for tests: the NVML calls llmbench binds, returning known values and
 * error codes. Device 0 behaves like a Volta+ GPU (energy counter, memory v2, clock events);
 * device 1 like an old one (energy, v2 memory and clock events NOT_SUPPORTED).
 * Test-only controls (nvmlStub_*) set power and a manual clock so energy is deterministic.
 */
#include <string.h>
#include <time.h>

typedef struct { unsigned int gpu, memory; } nvmlUtilization_t;
typedef struct { unsigned long long total, free, used; } nvmlMemory_t;
typedef struct { unsigned int version; unsigned long long total, reserved, free, used; } nvmlMemory_v2_t;
typedef struct { int index; } device_t;

static device_t devices[2] = {{0}, {1}};
static int initialised = 0;
static unsigned int power_mw[2] = {250000, 70000};
static long long manual_ms = -1;    /* -1: real monotonic clock */
static long long energy_base_mj = 1000000;

static long long now_ms(void) {
    if (manual_ms >= 0) return manual_ms;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static long long t0_ms = -1;

static int fail_init = 0;
/* per device, calls that answer NOT_SUPPORTED (3): see the UNSUPPORTED_* bits */
static unsigned int unsupported[2] = {0, 0};
#define UNSUPPORTED_POWER 1
#define UNSUPPORTED_POWER_LIMIT 2
#define UNSUPPORTED_TEMPERATURE 4
#define UNSUPPORTED_UTILIZATION 8
#define UNSUPPORTED_CLOCKS 16
#define REFUSE(d, bit) if (unsupported[DEV(d)->index] & (bit)) return 3

void nvmlStub_setPowerMilliwatts(int dev, unsigned int mw) { power_mw[dev] = mw; }
/* ms >= 0 freezes the stub's clock there (energy then moves only when the test moves the clock); -1 returns to real time. */
void nvmlStub_setManualClockMs(long long ms) { manual_ms = ms; }
void nvmlStub_failInit(int code) { fail_init = code; }
void nvmlStub_setUnsupported(int dev, unsigned int bits) { unsupported[dev] = bits; }
int nvmlStub_initCount(void) { return initialised; }
void nvmlStub_reset(void) {
    power_mw[0] = 250000; power_mw[1] = 70000;
    manual_ms = -1; fail_init = 0; initialised = 0; t0_ms = -1;
    unsupported[0] = 0; unsupported[1] = 0;
}

#define CHECK_INIT if (!initialised) return 1
#define DEV(d) ((device_t *) (d))

int nvmlInit_v2(void) {
    if (fail_init) return fail_init;
    initialised++;
    if (t0_ms < 0) t0_ms = now_ms();
    return 0;
}
int nvmlShutdown(void) { if (!initialised) return 1; initialised--; return 0; }

const char *nvmlErrorString(int r) {
    switch (r) {
        case 0: return "Success";
        case 1: return "Uninitialized";
        case 2: return "Invalid Argument";
        case 3: return "Not Supported";
        case 25: return "Argument version mismatch";
        default: return "Unknown Error";
    }
}

int nvmlSystemGetDriverVersion(char *v, unsigned int len) {
    CHECK_INIT;
    if (len < 10) return 7;
    strcpy(v, "555.42.06");
    return 0;
}

int nvmlDeviceGetCount_v2(unsigned int *n) { CHECK_INIT; *n = 2; return 0; }

int nvmlDeviceGetHandleByIndex_v2(unsigned int i, void **dev) {
    CHECK_INIT;
    if (i >= 2) return 2;
    *dev = &devices[i];
    return 0;
}

int nvmlDeviceGetName(void *d, char *name, unsigned int len) {
    CHECK_INIT;
    const char *n = DEV(d)->index == 0 ? "Stub GPU Volta+" : "Stub GPU Old";
    if (len < strlen(n) + 1) return 7;
    strcpy(name, n);
    return 0;
}

int nvmlDeviceGetPowerUsage(void *d, unsigned int *mw) { CHECK_INIT; REFUSE(d, UNSUPPORTED_POWER); *mw = power_mw[DEV(d)->index]; return 0; }

/* mJ = base + elapsed ms x W: the counter advances at exactly the set power. */
int nvmlDeviceGetTotalEnergyConsumption(void *d, unsigned long long *mj) {
    CHECK_INIT;
    if (DEV(d)->index != 0) return 3;
    *mj = energy_base_mj + (unsigned long long) ((now_ms() - t0_ms) * (power_mw[0] / 1000));
    return 0;
}

int nvmlDeviceGetEnforcedPowerLimit(void *d, unsigned int *mw) { CHECK_INIT; REFUSE(d, UNSUPPORTED_POWER_LIMIT); *mw = DEV(d)->index == 0 ? 300000 : 75000; return 0; }

int nvmlDeviceGetTemperature(void *d, int sensor, unsigned int *c) {
    CHECK_INIT;
    if (sensor != 0) return 2;
    REFUSE(d, UNSUPPORTED_TEMPERATURE);
    *c = DEV(d)->index == 0 ? 67 : 45;
    return 0;
}

int nvmlDeviceGetUtilizationRates(void *d, nvmlUtilization_t *u) {
    CHECK_INIT;
    REFUSE(d, UNSUPPORTED_UTILIZATION);
    u->gpu = DEV(d)->index == 0 ? 93 : 10;
    u->memory = DEV(d)->index == 0 ? 41 : 5;
    return 0;
}

int nvmlDeviceGetClockInfo(void *d, int type, unsigned int *mhz) {
    CHECK_INIT;
    REFUSE(d, UNSUPPORTED_CLOCKS);
    switch (type) {
        case 0: case 1: *mhz = 1410; return 0;
        case 2: *mhz = 1215; return 0;
        default: return 2;
    }
}

int nvmlDeviceGetMaxClockInfo(void *d, int type, unsigned int *mhz) {
    CHECK_INIT;
    switch (type) {
        case 0: case 1: *mhz = 1980; return 0;
        case 2: *mhz = 1593; return 0;
        default: return 2;
    }
}

int nvmlDeviceGetCurrentClocksEventReasons(void *d, unsigned long long *r) {
    CHECK_INIT;
    if (DEV(d)->index != 0) return 3;
    *r = 0x4 | 0x20; /* SwPowerCap | SwThermal */
    return 0;
}

int nvmlDeviceGetCurrentClocksThrottleReasons(void *d, unsigned long long *r) {
    return nvmlDeviceGetCurrentClocksEventReasons(d, r);
}

int nvmlDeviceGetMemoryInfo(void *d, nvmlMemory_t *m) {
    CHECK_INIT;
    m->total = 16ULL << 30;
    m->used = 5ULL << 30;
    m->free = m->total - m->used;
    return 0;
}

int nvmlDeviceGetMemoryInfo_v2(void *d, nvmlMemory_v2_t *m) {
    CHECK_INIT;
    if (DEV(d)->index != 0) return 3;
    if (m->version != 0x02000028) return 25;
    m->total = 16ULL << 30;
    m->reserved = 512ULL << 20;
    m->used = 5ULL << 30;
    m->free = m->total - m->reserved - m->used;
    return 0;
}

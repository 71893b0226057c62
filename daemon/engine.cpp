#include "engine.hpp"
#include "scan_verdict.hpp"

#include "log.hpp"
#include "scannedonly/file_image.hpp"
#include "scannedonly/printable.hpp"
#include "scannedonly/scan_windows.hpp"

#include <clamav.h>


#include <cerrno>
#include <climits>
#include <cstring>

#include <stdexcept>
#include <string_view>
#include <utility>

namespace scannedonlyd {

namespace {

void check(cl_error_t rc, const char* what) {
    if (rc != CL_SUCCESS) throw std::runtime_error(std::string(what) + ": " + cl_strerror(rc));
}

void set_limit(cl_engine* engine, cl_engine_field field, long long value, const char* what) {
    check(cl_engine_set_num(engine, field, value), what);
}

void remember_virus(int, const char* virus, void* context) {
    if (virus) static_cast<Alerts*>(context)->virus = virus;
}

// The first type libclamav names in a scan is the scanned data's own.
cl_error_t remember_type(int, const char* type, void* context) {
    auto* alerts = static_cast<Alerts*>(context);
    if (type && alerts->top_type.empty()) alerts->top_type = type;
    return CL_CLEAN;
}

// The scan in progress on this thread: libclamav scans on the caller's
// thread but does not pass a scan's context with every message.
thread_local Alerts* current_scan = nullptr;

// libclamav's own messages go where ours go (syslog once detached).
void forward_message(enum cl_msg severity, const char*, const char* message, void*) {
    if (severity == CL_MSG_ERROR && current_scan) current_scan->error = true;
    const int priority = severity == CL_MSG_ERROR  ? LOG_ERR
                         : severity == CL_MSG_WARN ? LOG_WARNING
                                                   : LOG_DEBUG;
    std::string_view text = message ? message : "";
    while (!text.empty() && text.back() == '\n') text.remove_suffix(1);
    // Messages may quote the names of members of scanned archives.
    log(priority, "libclamav: " + scannedonly::printable(text));
}

// cl_scandesc ignores files this small.
constexpr std::uint64_t kTooSmallToScan = 5;

cl_scan_options scan_options() {
    cl_scan_options options{};
    options.parse = ~0u;  // every parser: archives, documents, executables
    options.general = CL_SCAN_GENERAL_HEURISTICS;
    options.heuristic = CL_SCAN_HEURISTIC_EXCEEDS_MAX;
    return options;
}

// One libclamav scan call with our options; the virus name lands in alerts.
template <class ScanCall>
cl_error_t run_scan(Alerts& alerts, ScanCall call) {
    cl_scan_options options = scan_options();
    const char* virus = nullptr;
    unsigned long scanned = 0;
    const cl_error_t rc = call(&virus, &scanned, &options);
    if (virus) alerts.virus = virus;
    return rc;
}

cl_error_t scan_descriptor(cl_engine* engine, int fd, const char* name, Alerts& alerts) {
    return run_scan(alerts, [&](const char** virus, unsigned long* scanned, cl_scan_options* o) {
        return cl_scandesc_callback(fd, name, virus, scanned, engine, o, &alerts);
    });
}

cl_error_t scan_buffer(cl_engine* engine, const char* data, std::size_t size, const char* name,
                       Alerts& alerts) {
    cl_fmap_t* map = cl_fmap_open_memory(data, size);
    if (!map) return CL_EMEM;
    const cl_error_t rc =
        run_scan(alerts, [&](const char** virus, unsigned long* scanned, cl_scan_options* o) {
            return cl_scanmap_callback(map, name, virus, scanned, engine, o, &alerts);
        });
    cl_fmap_close(map);
    return rc;
}

cl_error_t scan_in_memory(cl_engine* engine, int fd, const scannedonly::ScanWindow& w,
                          const char* name, Alerts& alerts) {
    const scannedonly::FileImage image(fd, w.length, w.offset);
    if (!image) {
        alerts.failure = std::string("cannot read the file: ") + strerror(errno);
        return CL_EREAD;
    }
    return scan_buffer(engine, image.data(), image.size(), name, alerts);
}

ScanResult scan_window(cl_engine* engine, int fd, const scannedonly::ScanWindow& w,
                       const char* name, std::string* top_type) {
    Alerts alerts;
    current_scan = &alerts;
    const cl_error_t rc = scan_in_memory(engine, fd, w, name, alerts);
    current_scan = nullptr;
    if (top_type) *top_type = alerts.top_type;
    return verdict(rc, alerts);
}

ScanResult container_in_windows(const std::string& type, std::uint64_t window) {
    return {ScanResult::LimitsExceeded, "a " + type + " container larger than ScanWindow (" +
                                            std::to_string(window >> 20) +
                                            " MiB) is unpacked only in its first window"};
}

// One verdict for a file from its windows': a virus or a failure in any
// decides; a window that could not see everything does unless another
// finds a virus.
ScanResult scan_in_windows(cl_engine* engine, int fd, std::uint64_t size, std::uint64_t window,
                           const char* name) {
    ScanResult result{ScanResult::Clean, {}};
    std::string top_type;
    for (const scannedonly::ScanWindow& w : scannedonly::scan_windows(size, window)) {
        ScanResult part = scan_window(engine, fd, w, name, w.offset == 0 ? &top_type : nullptr);
        if (part.kind == ScanResult::Infected || part.kind == ScanResult::Failed) return part;
        if (part.kind == ScanResult::LimitsExceeded) result = std::move(part);
        if (w.offset == 0 && size > window && !scannedonly::windows_see_whole(top_type))
            result = container_in_windows(top_type, window);
    }
    return result;
}

// libclamav's own cap on CL_ENGINE_MAX_FILESIZE, which also limits the
// files inside archives; 0 would lift it, which libclamav does not support.
constexpr std::uint64_t kLibclamavMaxFileSize = INT_MAX - 2;

std::uint64_t engine_max_file_size(std::uint64_t configured) {
    return configured == 0 ? kLibclamavMaxFileSize : std::min(configured, kLibclamavMaxFileSize);
}

}  // namespace

// With CL_SCAN_HEURISTIC_EXCEEDS_MAX libclamav reports a file it could not
// scan completely under this name instead of calling it clean.
constexpr std::string_view kLimitsExceeded = "Heuristics.Limits.Exceeded";

ScanResult verdict(cl_error_t rc, const Alerts& alerts) {
    if (!alerts.failure.empty()) return {ScanResult::Failed, alerts.failure};
    if (rc == CL_CLEAN && alerts.error)
        return {ScanResult::Failed, "libclamav reported an error during the scan"};
    if (rc == CL_CLEAN) return {ScanResult::Clean, {}};
    if (rc != CL_VIRUS) return {ScanResult::Failed, cl_strerror(rc)};
    std::string found = alerts.virus.empty() ? "unknown" : alerts.virus;
    if (found.starts_with(kLimitsExceeded)) return {ScanResult::LimitsExceeded, found};
    return {ScanResult::Infected, found};
}

void init_libclamav() {
    cl_set_clcb_msg(forward_message);
    check(cl_init(CL_INIT_DEFAULT), "cl_init");
}

Engine::Engine(const std::string& database_dir, const EngineSettings& settings)
    : identity_(identify_signatures(database_dir)),
      engine_(cl_engine_new()),
      max_file_size_(settings.max_file_size),
      scan_window_(settings.scan_window) {
    if (!engine_) throw std::runtime_error("cl_engine_new failed");
    try {
        set_limit(engine_, CL_ENGINE_MAX_FILESIZE,
                  static_cast<long long>(engine_max_file_size(settings.max_file_size)),
                  "MaxFileSize");
        set_limit(engine_, CL_ENGINE_MAX_SCANSIZE, static_cast<long long>(settings.max_scan_size),
                  "MaxScanSize");
        set_limit(engine_, CL_ENGINE_MAX_RECURSION, settings.max_recursion, "MaxRecursion");
        set_limit(engine_, CL_ENGINE_MAX_FILES, settings.max_files, "MaxFiles");
        set_limit(engine_, CL_ENGINE_MAX_SCANTIME, settings.max_scan_time_ms, "MaxScanTime");
        if (!settings.temp_dir.empty())
            check(cl_engine_set_str(engine_, CL_ENGINE_TMPDIR, settings.temp_dir.c_str()),
                  "TemporaryDirectory");
        check(cl_load(database_dir.c_str(), engine_, &signatures_, CL_DB_STDOPT),
              ("loading " + database_dir).c_str());
        if (signatures_ == 0) throw std::runtime_error("no signatures in " + database_dir);
        check(cl_engine_compile(engine_), "compiling the engine");
        cl_engine_set_clcb_virus_found(engine_, remember_virus);
        cl_engine_set_clcb_pre_scan(engine_, remember_type);
    } catch (...) {
        cl_engine_free(engine_);
        throw;
    }
}

Engine::~Engine() { cl_engine_free(engine_); }

std::optional<ScanResult> Engine::over_max_file_size(std::uint64_t size) const {
    if (max_file_size_ == 0 || size <= max_file_size_) return std::nullopt;
    return ScanResult{ScanResult::LimitsExceeded,
                      "larger than MaxFileSize (" + std::to_string(size) + " bytes)"};
}

ScanResult Engine::scan(int fd, std::uint64_t size, const char* name) const {
    if (auto over = over_max_file_size(size)) return *over;
    if (size > kTooSmallToScan) return scan_in_windows(engine_, fd, size, scan_window_, name);
    // libclamav does not read files too small to hold a signature: its own
    // answer for them is clean.
    Alerts alerts;
    current_scan = &alerts;
    const cl_error_t rc = scan_descriptor(engine_, fd, name, alerts);
    current_scan = nullptr;
    return verdict(rc, alerts);
}

ScanResult Engine::scan_memory(const char* data, std::size_t size, const char* name) const {
    if (auto over = over_max_file_size(size)) return *over;
    Alerts alerts;
    current_scan = &alerts;
    const cl_error_t rc = scan_buffer(engine_, data, size, name, alerts);
    current_scan = nullptr;
    return verdict(rc, alerts);
}

std::shared_ptr<const Engine> EngineHolder::get() const {
    std::lock_guard lock(mutex_);
    return engine_;
}

std::shared_ptr<const Engine> EngineHolder::set(std::shared_ptr<const Engine> engine) {
    std::lock_guard lock(mutex_);
    clock_gettime(CLOCK_REALTIME, &loaded_at_);
    return std::exchange(engine_, std::move(engine));
}

timespec EngineHolder::loaded_at() const {
    std::lock_guard lock(mutex_);
    return loaded_at_;
}

}  // namespace scannedonlyd

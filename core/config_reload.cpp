#include "scannedonly/config_reload.hpp"

#include "scannedonly/config_report.hpp"

namespace scannedonly {

namespace {

void take_run_time_settings(DaemonConfig& to, const DaemonConfig& from) {
    to.scan_roots = from.scan_roots;
    to.excludes = from.excludes;
    to.large_file_size = from.large_file_size;
    to.failed_retry_interval = from.failed_retry_interval;
    to.exceeds_max_action = from.exceeds_max_action;
    to.virus_warning = from.virus_warning;
    to.virus_warning_text = from.virus_warning_text;
    to.virus_action = from.virus_action;
    to.virus_action_max = from.virus_action_max;
    to.virus_action_timeout = from.virus_action_timeout;
    to.engine = from.engine;
    to.clamd_sockets = from.clamd_sockets;
    to.clamd_tcp = from.clamd_tcp;
    to.clamd_connections = from.clamd_connections;
    to.clamd_timeout = from.clamd_timeout;
    to.database = from.database;
    to.database_check_interval = from.database_check_interval;
    to.max_file_size = from.max_file_size;
    to.max_scan_size = from.max_scan_size;
    to.scan_window = from.scan_window;
    to.max_recursion = from.max_recursion;
    to.max_files = from.max_files;
    to.max_scan_time = from.max_scan_time;
    to.temp_dir = from.temp_dir;
    to.log_level = from.log_level;
    to.status_interval = from.status_interval;
}

}  // namespace

ReloadPlan plan_reload(const DaemonConfig& running, const DaemonConfig& reread) {
    ReloadPlan plan{running, {}, {}};
    take_run_time_settings(plan.config, reread);
    // Whatever still differs after taking the run-time settings waits for a
    // restart: no list of restart keys to keep in step with the copy above.
    plan.applied = changed_settings(running, plan.config);
    plan.needs_restart = changed_settings(plan.config, reread);
    return plan;
}

}  // namespace scannedonly

#include "config_reloader.hpp"

#include "log.hpp"
#include "scannedonly/config_reload.hpp"

namespace scannedonlyd {

EngineSettings engine_settings_of(const scannedonly::DaemonConfig& c) {
    std::vector<scannedonly::ClamdAddress> servers;
    for (const std::string& path : c.clamd_sockets) servers.push_back({path, {}, 0});
    servers.insert(servers.end(), c.clamd_tcp.begin(), c.clamd_tcp.end());
    return {c.max_file_size, c.max_scan_size, c.scan_window, c.max_recursion, c.max_files,
            c.temp_dir, static_cast<std::uint32_t>(c.max_scan_time.count()), c.engine,
            std::move(servers), c.clamd_connections, c.clamd_timeout};
}

bool ConfigReloader::reload(bool signatures) {
    std::lock_guard lock(mutex_);
    scannedonly::DaemonConfig reread;
    try {
        reread = scannedonly::load_config(command_line_);
    } catch (const scannedonly::ConfigError& e) {
        log(LOG_ERR, std::string("configuration not reloaded, the running one stays: ") + e.what());
        if (signatures) p_.signatures.request();
        return false;
    }
    const scannedonly::ReloadPlan plan = scannedonly::plan_reload(*p_.live.get(), reread);
    for (const std::string& key : plan.needs_restart)
        log(LOG_WARNING, key + " changed: takes effect after a restart");
    const scannedonly::DaemonConfig& c = plan.config;
    log_set_level(c.log_level);
    p_.status.set_interval(c.status_interval);
    p_.virus_actions.reconfigure(c.virus_action, c.virus_action_max, c.virus_action_timeout);
    p_.signatures.reconfigure(c.database, engine_settings_of(c), c.database_check_interval,
                              signatures);
    p_.live.set(c);
    std::string applied;
    for (const std::string& key : plan.applied) applied += (applied.empty() ? "" : ", ") + key;
    log(LOG_NOTICE, "configuration reloaded" + (applied.empty() ? std::string(", nothing changed")
                                                                 : ": " + applied + " changed"));
    return true;
}

}  // namespace scannedonlyd

// A configuration reload (SIGHUP, SIGUSR2, systemctl reload, RELOAD): the
// file and command line read again and checked as at start; what can change
// at run time (scannedonly::plan_reload) is applied, every other changed
// key logged as waiting for a restart. An invalid file changes nothing.
#pragma once

#include "live_config.hpp"
#include "reloader.hpp"
#include "status.hpp"
#include "virus_action.hpp"
#include "scannedonly/config_file.hpp"

#include <mutex>

namespace scannedonlyd {

EngineSettings engine_settings_of(const scannedonly::DaemonConfig& c);

class ConfigReloader {
public:
    struct Parts {
        LiveConfig& live;
        StatusThread& status;
        VirusActions& virus_actions;
        Reloader& signatures;
    };
    ConfigReloader(scannedonly::DaemonCommandLine command_line, Parts parts)
        : command_line_(std::move(command_line)), p_(parts) {}

    // Any thread; one reload at a time. `signatures`: build a new engine
    // even when nothing changed (SIGUSR2, RELOAD), also when the file is
    // refused. False when it was.
    bool reload(bool signatures);

private:
    scannedonly::DaemonCommandLine command_line_;
    Parts p_;
    std::mutex mutex_;
};

}  // namespace scannedonlyd

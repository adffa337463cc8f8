// normlab-cli: the headless front end. Parses arguments, runs one command, and turns every error
// into a one-line message and a non-zero exit status.
#include <iostream>

#include <CLI/CLI.hpp>

#include "app/cli/checkcommand.h"
#include "app/cli/datasetscommand.h"
#include "app/cli/downloadcommand.h"
#include "app/cli/exportcommand.h"
#include "app/cli/mergecommand.h"
#include "app/cli/normalizecommand.h"
#include "app/cli/statscommand.h"
#include "app/cli/traincommand.h"
#include "core/common/error.h"

int main(int argc, char** argv) {
    CLI::App app{"NormLab: see how input normalization changes data and training", "normlab-cli"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "normlab-cli " NORMLAB_VERSION);
    normlab::cli::addStatsCommand(app);
    normlab::cli::addMergeCommand(app);
    normlab::cli::addNormalizeCommand(app);
    normlab::cli::addCheckCommand(app);
    normlab::cli::addExportCommand(app);
    normlab::cli::addDownloadCommand(app);
    normlab::cli::addDatasetsCommand(app);
    normlab::cli::addTrainCommand(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::RuntimeError& e) {
        return e.get_exit_code(); // a command's own non-zero status (e.g. 130 when interrupted)
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    } catch (const normlab::Cancelled&) {
        std::cerr << "normlab-cli: cancelled\n";
        return 130;
    } catch (const std::exception& e) {
        std::cerr << "normlab-cli: error: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

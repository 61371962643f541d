// mote: the Mote command-line tool.
#include "cli/mote_main.h"

int main(int argc, char** argv) { return mote::cli::MoteMain(argc, argv); }

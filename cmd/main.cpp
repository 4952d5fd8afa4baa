#include "app.hpp"

int main(int argc, char** argv) { return mentorctl::cli::run(argc, argv); }

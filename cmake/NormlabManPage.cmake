# cmake -DCLI=<normlab-cli> -DOUT=<file.h2m> -P NormlabManPage.cmake
# Writes a help2man include file with one section per normlab-cli subcommand, taken from the
# subcommands' own --help, so the man page never drifts from the program.
execute_process(COMMAND "${CLI}" --help OUTPUT_VARIABLE top RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${CLI} --help failed (${rc})")
endif()
# CLI11 lists subcommands after "Subcommands:" as "  name   description".
string(REGEX REPLACE ".*\nSubcommands:\n" "" listing "${top}")
string(REGEX MATCHALL "(^|\n)  [a-z][a-z-]*" names "${listing}")
set(text "[COMMANDS]\nEach command takes --help. Their options:\n")
foreach(name IN LISTS names)
  string(STRIP "${name}" name)
  execute_process(COMMAND "${CLI}" ${name} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${CLI} ${name} --help failed (${rc})")
  endif()
  # Preformatted, with roff's escape character and leading dots/quotes made literal.
  string(REPLACE "\\" "\\e" help "${help}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" help "${help}")
  string(APPEND text ".SS ${name}\n.nf\n${help}.fi\n")
endforeach()
string(APPEND text "[FILES]\n.TP\n.I $XDG_DATA_HOME/normlab\nNormLab's data directory (or $NORMLAB_DATA_DIR, or --data-dir).\n"
                   ".TP\n.I /usr/share/datasets\nData sets installed by Debian packages such as dataset-fashion-mnist,\n"
                   "searched after the data directory (every $XDG_DATA_DIRS entry + /datasets).\n")
file(WRITE "${OUT}" "${text}")

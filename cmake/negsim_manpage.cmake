# Writes the man page negsim(1) from the built binary (cmake -P, run by the
# negsim_man target), so that the page and --help cannot drift:
#  - help2man reads `negsim --help` (NAME, DESCRIPTION; SYNOPSIS is its
#    usage line) and
#    `negsim --version`;
#  - the section COMMANDS holds `negsim COMMAND --help` for every command that
#    `negsim complete commands` lists (main's command table), verbatim;
#  - FILES and SEE ALSO come from the text below.
# Inputs: NEGSIM (the binary), HELP2MAN, GZIP (may be empty), OUTPUT (.1 file;
# OUTPUT.gz is written too when GZIP is set), INCLUDE (the help2man include
# file written on the way).

function(run_negsim out)
  execute_process(COMMAND "${NEGSIM}" ${ARGN} OUTPUT_VARIABLE text RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "negsim ${ARGN} failed (exit ${rc})")
  endif()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# Roff text: backslashes and hyphens escaped (so options read and copy as
# ASCII "--"), lines starting with . or ' protected.
function(roff_escape out text)
  string(REPLACE "\\" "\\e" text "${text}")
  string(REPLACE "-" "\\-" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# The same, preformatted (the layout of --help kept).
function(roff_verbatim out text)
  roff_escape(text "${text}")
  set(${out} ".nf\n${text}\n.fi\n" PARENT_SCOPE)
endfunction()

run_negsim(help --help)
string(REGEX MATCH "^negsim: ([^\n]*)" _ "${help}")
set(description "${CMAKE_MATCH_1}")
if(description STREQUAL "")
  message(FATAL_ERROR "negsim --help does not start with 'negsim: DESCRIPTION'")
endif()

# SYNOPSIS: the "usage:" line of --help (help2man only reads a capitalised "Usage:").
string(REGEX MATCH "\nusage: negsim ([^\n]*)" _ "${help}")
if(CMAKE_MATCH_1 STREQUAL "")
  message(FATAL_ERROR "negsim --help has no 'usage: negsim ...' line")
endif()
roff_escape(synopsis_args "${CMAKE_MATCH_1}")

run_negsim(commands complete commands)
string(REGEX REPLACE "\n$" "" commands "${commands}")
string(REPLACE "\n" ";" commands "${commands}")

set(include_text "[SYNOPSIS]\n\\fBnegsim\\fR ${synopsis_args}\n[COMMANDS]\nEach command has its own options; \\fBnegsim \\fICOMMAND\\fB \\-\\-help\\fR prints them:\n")
foreach(command IN LISTS commands)
  run_negsim(command_help ${command} --help)
  roff_verbatim(block "${command_help}")
  string(APPEND include_text ".SS \"negsim ${command}\"\n${block}")
endforeach()
string(APPEND include_text [=[
[FILES]
Paths are relative to the installation prefix (\fI/usr\fR for the Debian package).
.TP
.I share/negsim/scenarios/
the scenario files shipped with negsim (\fBnegsim run\fR without a file runs
the TikTok 2025 scenario compiled into the binary)
.TP
.I share/doc/negsim/
the user guide: cli.md (commands and output formats), scenario.md (the scenario
language), solvers/, install.md
.TP
.I share/bash-completion/completions/negsim
bash completion of commands, options, methods and scenario parameters
[SEE ALSO]
The documentation in \fI/usr/share/doc/negsim/\fR, in particular \fIcli.md\fR
and \fIscenario.md\fR.
]=])
file(WRITE "${INCLUDE}" "${include_text}")

execute_process(
  COMMAND "${HELP2MAN}" --no-info --section=1 --name=${description}
          --include=${INCLUDE} --output=${OUTPUT} "${NEGSIM}"
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "help2man failed (exit ${rc})")
endif()
if(GZIP)
  # -n: no name or time stamp inside, so the .deb is reproducible.
  execute_process(COMMAND "${GZIP}" -9 -n -c "${OUTPUT}" OUTPUT_FILE "${OUTPUT}.gz" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "gzip of ${OUTPUT} failed")
  endif()
endif()

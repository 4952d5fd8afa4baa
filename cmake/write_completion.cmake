# Writes `MENTORCTL completion SHELL_NAME` to OUTPUT; run by the build (cmd/CMakeLists.txt).
get_filename_component(folder "${OUTPUT}" DIRECTORY)
file(MAKE_DIRECTORY "${folder}")
execute_process(COMMAND "${MENTORCTL}" completion "${SHELL_NAME}" OUTPUT_FILE "${OUTPUT}.tmp"
                RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  file(REMOVE "${OUTPUT}.tmp")
  message(FATAL_ERROR "'${MENTORCTL} completion ${SHELL_NAME}' failed (${result})")
endif()
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")

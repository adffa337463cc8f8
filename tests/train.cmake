# Training engine tests: link normlab_train (whose public headers carry no Torch types).
function(normlab_add_train_test name)
  normlab_add_test(${name} core ${ARGN})
  target_link_libraries(${name} PRIVATE normlab_train)
endfunction()

normlab_add_train_test(tst_trainer train/tst_trainer.cpp)
normlab_add_train_test(tst_resultsexport train/tst_resultsexport.cpp)
normlab_add_test(tst_clitrain core cli/tst_clitrain.cpp)
add_dependencies(tst_clitrain normlab-cli)

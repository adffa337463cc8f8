# GUI tests: drive the real widgets on the offscreen platform.
function(normlab_add_gui_test name)
  normlab_add_test(${name} gui ${ARGN})
  target_link_libraries(${name} PRIVATE normlab_ui)
endfunction()

normlab_add_gui_test(tst_mainwindow gui/tst_mainwindow.cpp)
normlab_add_gui_test(tst_trainpage gui/tst_trainpage.cpp)
normlab_add_gui_test(tst_bandplot gui/tst_bandplot.cpp)
target_link_libraries(tst_trainpage PRIVATE normlab_train)

# Vivado batch script: the microcore overlay for the PYNQ-Z1 / PYNQ-Z2.
#
#   vivado -mode batch -nojournal -source build.tcl
#
# Run it in a project directory written by `microcore bitstream`, which holds this script,
# config.tcl (the parameters below) and rtl/ (the fabric's Verilog from hw/verilog.py). It
# needs no board files: the Zynq processing system is configured here. The result is
# microcore.bit and microcore.hwh in the directory, the pair pynq.Overlay loads.
#
# Lines starting with "MICROCORE:" report progress to `microcore bitstream`.

set here [file normalize [file dirname [info script]]]
source [file join $here config.tcl]

# -- Parameters (config.tcl) ------------------------------------------------------------------
#   mc_board      pynq-z1 | pynq-z2
#   mc_part       FPGA part
#   mc_sources    Verilog files, relative to this directory
#   mc_dma        1: connect the fabric's AXI4 master (m_axi) to HP0
#   mc_base       base address of the fabric's window on GP0
#   mc_range      size of the window
#   mc_fclk_mhz   fabric clock (FCLK0)
#   mc_jobs       parallel jobs for synthesis
foreach name {mc_board mc_part mc_sources mc_dma mc_base mc_range mc_fclk_mhz mc_jobs} {
    if {![info exists $name]} {
        error "config.tcl does not set $name"
    }
}

set design microcore
set project_dir [file join $here vivado]

proc phase {name} {
    puts "MICROCORE: phase $name"
    flush stdout
}

# The PS7 DDR3 controller settings. Both boards carry 512 MB of 16-bit DDR3 (MT41K256M16,
# DDR3-1066). Linux on the PYNQ image configures the PS at boot; a PL bitstream loaded later
# does not change these, but the exported hardware must describe the real board.
proc ps7_ddr_config {board} {
    set common {
        PCW_UIPARAM_DDR_PARTNO {Custom}
        PCW_UIPARAM_DDR_MEMORY_TYPE {DDR 3}
        PCW_UIPARAM_DDR_BUS_WIDTH {16 Bit}
        PCW_UIPARAM_DDR_DRAM_WIDTH {16 Bits}
        PCW_UIPARAM_DDR_DEVICE_CAPACITY {4096 MBits}
        PCW_UIPARAM_DDR_SPEED_BIN {DDR3_1066F}
        PCW_UIPARAM_DDR_FREQ_MHZ {525}
        PCW_UIPARAM_DDR_BANK_ADDR_COUNT {3}
        PCW_UIPARAM_DDR_ROW_ADDR_COUNT {15}
        PCW_UIPARAM_DDR_COL_ADDR_COUNT {10}
        PCW_UIPARAM_DDR_CL {7}
        PCW_UIPARAM_DDR_CWL {6}
        PCW_UIPARAM_DDR_T_RCD {13.125}
        PCW_UIPARAM_DDR_T_RP {13.125}
        PCW_UIPARAM_DDR_T_RC {50.625}
        PCW_UIPARAM_DDR_T_RAS_MIN {35.0}
        PCW_UIPARAM_DDR_T_FAW {40.0}
        PCW_UIPARAM_DDR_TRAIN_WRITE_LEVEL {1}
        PCW_UIPARAM_DDR_TRAIN_READ_GATE {1}
        PCW_UIPARAM_DDR_TRAIN_DATA_EYE {1}
        PCW_UIPARAM_DDR_USE_INTERNAL_VREF {0}
    }
    switch -- $board {
        pynq-z2 {
            # Trace delays of the PYNQ-Z2 (TUL), as in its published PS configuration.
            set delays {
                PCW_UIPARAM_DDR_DQS_TO_CLK_DELAY_0 {0.040}
                PCW_UIPARAM_DDR_DQS_TO_CLK_DELAY_1 {0.058}
                PCW_UIPARAM_DDR_BOARD_DELAY0 {0.223}
                PCW_UIPARAM_DDR_BOARD_DELAY1 {0.212}
            }
        }
        pynq-z1 {
            # Digilent publishes the PYNQ-Z1 trace delays only in its board files; without
            # them Vivado's defaults stay, which the PL bitstream does not depend on (see above).
            set delays {}
        }
        default {
            error "unknown board $board (expected pynq-z1 or pynq-z2)"
        }
    }
    return [concat $common $delays]
}

# -- Project and sources ----------------------------------------------------------------------
phase project
create_project -force $design $project_dir -part $mc_part
set_property target_language Verilog [current_project]
set sources {}
foreach src $mc_sources {
    lappend sources [file join $here $src]
}
add_files -norecurse $sources
update_compile_order -fileset sources_1

# -- Block design -----------------------------------------------------------------------------
phase block-design
create_bd_design $design

set ps [create_bd_cell -type ip -vlnv xilinx.com:ip:processing_system7:5.5 ps7_0]
set ps_config [list \
    PCW_PRESET_BANK0_VOLTAGE {LVCMOS 3.3V} \
    PCW_PRESET_BANK1_VOLTAGE {LVCMOS 1.8V} \
    PCW_CRYSTAL_PERIPHERAL_FREQMHZ {50} \
    PCW_APU_PERIPHERAL_FREQMHZ {650} \
    PCW_EN_CLK0_PORT {1} \
    PCW_FPGA_FCLK0_ENABLE {1} \
    PCW_FCLK0_PERIPHERAL_CLKSRC {IO PLL} \
    PCW_FPGA0_PERIPHERAL_FREQMHZ $mc_fclk_mhz \
    PCW_EN_RST0_PORT {1} \
    PCW_USE_M_AXI_GP0 {1} \
    PCW_USE_FABRIC_INTERRUPT {1} \
    PCW_IRQ_F2P_INTR {1} \
    PCW_USE_S_AXI_HP0 [expr {$mc_dma ? 1 : 0}] \
]
if {$mc_dma} {
    lappend ps_config PCW_S_AXI_HP0_DATA_WIDTH {64}
}
set ps_props {}
foreach {key value} [concat $ps_config [ps7_ddr_config $mc_board]] {
    lappend ps_props CONFIG.$key $value
}
set_property -dict $ps_props $ps

# DDR and FIXED_IO become top-level ports; no board preset is applied.
apply_bd_automation -rule xilinx.com:bd_rule:processing_system7 \
    -config {make_external "FIXED_IO, DDR" apply_board_preset "0" Master "Disable" Slave "Disable"} \
    $ps

set rst [create_bd_cell -type ip -vlnv xilinx.com:ip:proc_sys_reset:5.0 rst_ps7_0_100M]
set fabric [create_bd_cell -type module -reference microcore_fabric microcore_0]
set periph [create_bd_cell -type ip -vlnv xilinx.com:ip:axi_interconnect:2.1 ps7_0_axi_periph]
set_property -dict [list CONFIG.NUM_SI {1} CONFIG.NUM_MI {1}] $periph

# Clock: FCLK0 drives everything in the PL.
set fclk [get_bd_pins ps7_0/FCLK_CLK0]
connect_bd_net $fclk \
    [get_bd_pins ps7_0/M_AXI_GP0_ACLK] \
    [get_bd_pins rst_ps7_0_100M/slowest_sync_clk] \
    [get_bd_pins ps7_0_axi_periph/ACLK] \
    [get_bd_pins ps7_0_axi_periph/S00_ACLK] \
    [get_bd_pins ps7_0_axi_periph/M00_ACLK] \
    [get_bd_pins microcore_0/clk]
if {$mc_dma} {
    connect_bd_net $fclk [get_bd_pins ps7_0/S_AXI_HP0_ACLK]
}

# Resets: the fabric's rst is active high and synchronous.
connect_bd_net [get_bd_pins ps7_0/FCLK_RESET0_N] [get_bd_pins rst_ps7_0_100M/ext_reset_in]
connect_bd_net [get_bd_pins rst_ps7_0_100M/interconnect_aresetn] \
    [get_bd_pins ps7_0_axi_periph/ARESETN]
connect_bd_net [get_bd_pins rst_ps7_0_100M/peripheral_aresetn] \
    [get_bd_pins ps7_0_axi_periph/S00_ARESETN] \
    [get_bd_pins ps7_0_axi_periph/M00_ARESETN]
connect_bd_net [get_bd_pins rst_ps7_0_100M/peripheral_reset] [get_bd_pins microcore_0/rst]

# Host window: GP0 -> interconnect (AXI3 to AXI4-Lite) -> the fabric's s_axil.
connect_bd_intf_net [get_bd_intf_pins ps7_0/M_AXI_GP0] [get_bd_intf_pins ps7_0_axi_periph/S00_AXI]
connect_bd_intf_net [get_bd_intf_pins ps7_0_axi_periph/M00_AXI] [get_bd_intf_pins microcore_0/s_axil]

# The doorbell interrupt: irq is high while a core has posted to the host.
connect_bd_net [get_bd_pins microcore_0/irq] [get_bd_pins ps7_0/IRQ_F2P]

# DMA: the fabric's AXI4 master reaches DDR through HP0.
if {$mc_dma} {
    connect_bd_intf_net [get_bd_intf_pins microcore_0/m_axi] [get_bd_intf_pins ps7_0/S_AXI_HP0]
}

# Addresses.
phase addresses
assign_bd_address -offset $mc_base -range $mc_range \
    -target_address_space [get_bd_addr_spaces ps7_0/Data] \
    [get_bd_addr_segs -of_objects [get_bd_intf_pins microcore_0/s_axil]]
if {$mc_dma} {
    assign_bd_address -target_address_space [get_bd_addr_spaces microcore_0/m_axi] \
        [get_bd_addr_segs ps7_0/S_AXI_HP0/HP0_DDR_LOWOCM]
}

phase validate
validate_bd_design
save_bd_design

set bd_file [get_files $design.bd]
set wrapper [make_wrapper -files $bd_file -top]
add_files -norecurse $wrapper
set_property top ${design}_wrapper [current_fileset]
update_compile_order -fileset sources_1
generate_target all $bd_file

# The hardware handoff PYNQ reads, written by generate_target.
# Vivado 2020.2 and later write it under .gen, older releases under .srcs.
set hwh ""
foreach tree [list $design.gen $design.srcs] {
    set candidate [file join $project_dir $tree sources_1 bd $design hw_handoff $design.hwh]
    if {[file exists $candidate]} {
        set hwh $candidate
        break
    }
}
if {$hwh eq ""} {
    error "generate_target wrote no $design.hwh under $project_dir"
}
file copy -force $hwh [file join $here microcore.hwh]

# -- Synthesis and implementation ------------------------------------------------------------
phase synthesis
launch_runs synth_1 -jobs $mc_jobs
wait_on_run synth_1
if {[get_property PROGRESS [get_runs synth_1]] ne "100%"} {
    error "synthesis failed: [get_property STATUS [get_runs synth_1]]"
}
open_run synth_1 -name synth_1
report_utilization -file [file join $here utilization_synth.rpt]

phase optimisation
opt_design
phase placement
place_design
phys_opt_design
phase routing
route_design
report_timing_summary -file [file join $here timing.rpt]
report_utilization -file [file join $here utilization.rpt]
set wns [get_property SLACK [get_timing_paths -delay_type max -max_paths 1]]
puts "MICROCORE: wns $wns"

phase bitstream
write_bitstream -force [file join $here microcore.bit]
puts "MICROCORE: done [file join $here microcore.bit] [file join $here microcore.hwh]"

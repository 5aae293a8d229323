"""zhibiao dashboard (placeholder until the dashboard issue lands)."""
import streamlit as st

st.title("指标 zhibiao")
st.write("Dashboard coming soon.")

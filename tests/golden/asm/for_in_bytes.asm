total:
      d0:  49 83 ee 01                    sub r14,1
      d4:  72 40                          jb short 0x0000000000000116
      d6:  49 3b 67 20                    cmp rsp,[r15+0x20]
      da:  72 3a                          jb short 0x0000000000000116
      dc:  48 85 f6                       test rsi,rsi
      df:  7f 29                          jg short 0x000000000000010A
      e1:  b8 00 00 00 00                 mov eax,0
      e6:  eb 1d                          jmp short 0x0000000000000105
      e8:  0f 1f 84 00 00 00 00 00        nop [rax+rax]
      f0:  0f b6 14 07                    movzx edx,byte ptr [rdi+rax]
      f4:  48 01 d1                       add rcx,rdx
      f7:  70 2a                          jo short 0x0000000000000123
      f9:  48 8d 40 01                    lea rax,[rax+1]
      fd:  48 39 f0                       cmp rax,rsi
     100:  7c ee                          jl short 0x00000000000000F0
     102:  48 89 c8                       mov rax,rcx
     105:  49 83 c6 01                    add r14,1
     109:  c3                             ret
     10a:  b8 00 00 00 00                 mov eax,0
     10f:  b9 00 00 00 00                 mov ecx,0
     114:  eb da                          jmp short 0x00000000000000F0
     116:  49 c7 47 18 04 00 00 00        mov qword ptr [r15+0x18],4
     11e:  e9 50 ff ff ff                 jmp 0x0000000000000073
     123:  49 c7 47 18 03 00 00 00        mov qword ptr [r15+0x18],3
     12b:  e9 43 ff ff ff                 jmp 0x0000000000000073

